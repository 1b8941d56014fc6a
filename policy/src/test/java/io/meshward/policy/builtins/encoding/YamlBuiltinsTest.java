package io.meshward.policy.builtins.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class YamlBuiltinsTest {

  private final BuiltinHarness opa = new BuiltinHarness(new YamlBuiltins());

  private String unmarshal(String yaml) throws BuiltinException {
    return opa.callValues("yaml.unmarshal", StringValue.of(yaml)).toJson();
  }

  @Test
  void readsYaml11ScalarsIntoJsonValues() throws Exception {
    assertThat(
            unmarshal(
                "a: yes\nb: off\nc: 0x1F\nd: 017\ne: 1_000\nf: 2.50\ng: ~\nh: '01'\ni: text\n"))
        .isEqualTo(
            "{\"a\":true,\"b\":false,\"c\":31,\"d\":15,\"e\":1000,\"f\":2.5,\"g\":null,\"h\":\"01\",\"i\":\"text\"}");
  }

  @Test
  void nonStringKeysBecomeStrings() throws Exception {
    assertThat(unmarshal("1: one\ntrue: t\n~: none\n"))
        .isEqualTo("{\"1\":\"one\",\"null\":\"none\",\"true\":\"t\"}");
    // YAML 1.1, as OPA reads it: a bare y or n is a boolean, even as a key.
    assertThat(unmarshal("y: n\n")).isEqualTo("{\"true\":false}");
  }

  @Test
  void anchorsAndMergeKeysResolve() throws Exception {
    assertThat(unmarshal("base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\n"))
        .isEqualTo("{\"base\":{\"p\":1,\"q\":2},\"derived\":{\"p\":1,\"q\":3}}");
  }

  @Test
  void onlyTheFirstDocumentCountsAndEmptyIsNull() throws Exception {
    assertThat(unmarshal("a: 1\n---\nb: 2\n")).isEqualTo("{\"a\":1}");
    assertThat(unmarshal("")).isEqualTo("null");
  }

  @Test
  void syntaxErrorsReadLikeOpas() {
    assertThatThrownBy(() -> unmarshal("[1, 2"))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("yaml: line 1: did not find expected ',' or ']'");
    assertThatThrownBy(() -> unmarshal("a: .inf")).isInstanceOf(BuiltinException.class);
  }

  @Test
  void marshalWritesBlockYamlThatReadsBackTheSame() throws Exception {
    String doc =
        "{\"peers\": [{\"name\": \"yes\", \"port\": 51820, \"tags\": [\"a: b\", \"01\", \"\"]}], \"ok\": true, \"none\": null, \"ratio\": 0.5}";
    Value value = Json.parse(doc);
    String yaml = ((StringValue) opa.callValues("yaml.marshal", value)).value();
    assertThat(yaml).startsWith("none: null\nok: true\npeers:\n- name: 'yes'\n");
    assertThat(opa.callValues("yaml.unmarshal", StringValue.of(yaml))).isEqualTo(value);
  }

  @Test
  void absurdNestingIsAnErrorNotACrash() {
    assertThatThrownBy(() -> unmarshal("[".repeat(200_000))).isInstanceOf(BuiltinException.class);
  }

  @Test
  void isValid() throws Exception {
    assertThat(opa.json("yaml.is_valid", "\"a: [1, 2]\"")).isEqualTo("true");
    assertThat(opa.json("yaml.is_valid", "\"a: [1, 2\"")).isEqualTo("false");
    assertThat(opa.json("yaml.is_valid", "3")).isEqualTo("false");
  }
}
