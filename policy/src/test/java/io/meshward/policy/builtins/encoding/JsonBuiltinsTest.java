package io.meshward.policy.builtins.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonBuiltinsTest {

  private final BuiltinHarness opa = new BuiltinHarness(new JsonBuiltins());

  private String marshal(Value v) throws BuiltinException {
    return ((StringValue) opa.callValues("json.marshal", v)).value();
  }

  @Test
  void marshalSortsKeysAndWritesSetsAsArrays() throws Exception {
    assertThat(((StringValue) opa.call("json.marshal", "{\"b\": [1, 2.5], \"a\": null}")).value())
        .isEqualTo("{\"a\":null,\"b\":[1,2.5]}");
    assertThat(marshal(SetValue.of(StringValue.of("y"), StringValue.of("x"))))
        .isEqualTo("[\"x\",\"y\"]");
  }

  @Test
  void marshalEscapesHtmlCharactersAsGoDoes() throws Exception {
    assertThat(marshal(StringValue.of("<a href=\"x\">&</a>\u2028\u0001\b")))
        .isEqualTo("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u0001\\b\"");
  }

  @Test
  void marshalKeepsBigIntegersExact() throws Exception {
    assertThat(marshal(NumberValue.of(new BigInteger("123456789012345678901234567890"))))
        .isEqualTo("123456789012345678901234567890");
  }

  @Test
  void prettyOutputPrefixesEveryLine() throws Exception {
    assertThat(opa.json("json.marshal_with_options", "{\"k\": [1]}", "{\"prefix\": \"> \"}"))
        .isEqualTo("\"> {\\n> \\t\\\"k\\\": [\\n> \\t\\t1\\n> \\t]\\n> }\"");
    assertThat(opa.json("json.marshal_with_options", "[1, {}]", "{\"indent\": \" \"}"))
        .isEqualTo("\"[\\n 1,\\n {}\\n]\"");
    assertThat(opa.json("json.marshal_with_options", "[1]", "{\"pretty\": true}"))
        .isEqualTo("\"[\\n\\t1\\n]\"");
  }

  @Test
  void prettyFalseWinsOverOtherOptions() throws Exception {
    assertThat(
            opa.json("json.marshal_with_options", "[1]", "{\"pretty\": false, \"indent\": \"  \"}"))
        .isEqualTo("\"[1]\"");
    assertThat(opa.json("json.marshal_with_options", "[1]", "{}")).isEqualTo("\"[1]\"");
  }

  @Test
  void unknownOrMistypedOptionsAreTypeErrors() {
    assertThatThrownBy(() -> opa.call("json.marshal_with_options", "[]", "{\"colour\": true}"))
        .isInstanceOfSatisfying(
            BuiltinException.class, e -> assertThat(e.kind()).isEqualTo(BuiltinException.Kind.TYPE))
        .hasMessage("object contained unknown key \"colour\"");
    assertThatThrownBy(() -> opa.call("json.marshal_with_options", "[]", "{\"pretty\": 1}"))
        .isInstanceOf(BuiltinException.class);
  }

  @Test
  void unmarshalKeepsNumbersExactAndRejectsBadJson() throws Exception {
    assertThat(opa.call("json.unmarshal", "\"{\\\"n\\\": 12345678901234567890.5}\""))
        .hasToString("{\"n\":12345678901234567890.5}");
    assertThatThrownBy(() -> opa.call("json.unmarshal", "\"{\\\"n\\\": }\""))
        .isInstanceOf(BuiltinException.class);
    assertThatThrownBy(() -> opa.call("json.unmarshal", "\"[1] [2]\""))
        .isInstanceOf(BuiltinException.class);
    assertThatThrownBy(() -> opa.call("json.unmarshal", "7"))
        .hasMessage("operand 1 must be string but got number");
  }

  @Test
  void isValidNeverFails() throws Exception {
    assertThat(opa.json("json.is_valid", "\"{\\\"a\\\": [true]}\"")).isEqualTo("true");
    assertThat(opa.json("json.is_valid", "\"{a: 1}\"")).isEqualTo("false");
    assertThat(opa.json("json.is_valid", "\"\"")).isEqualTo("false");
    assertThat(opa.json("json.is_valid", "12")).isEqualTo("false");
  }
}
