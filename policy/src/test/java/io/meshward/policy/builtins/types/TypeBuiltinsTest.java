package io.meshward.policy.builtins.types;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.set;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  private static final Map<String, Value> SAMPLES =
      Map.of(
          "null", NullValue.INSTANCE,
          "boolean", BooleanValue.FALSE,
          "number", parse("1.5"),
          "string", str(""),
          "array", parse("[]"),
          "object", parse("{}"),
          "set", set());

  @Test
  void eachTestIsTrueOnlyForItsKind() throws Exception {
    for (String kind : List.of("null", "boolean", "number", "string", "array", "object", "set")) {
      for (Map.Entry<String, Value> sample : SAMPLES.entrySet()) {
        assertThat(opa.callValues("is_" + kind, sample.getValue()))
            .as("is_%s(%s)", kind, sample.getKey())
            .isEqualTo(BooleanValue.of(kind.equals(sample.getKey())));
      }
      assertThat(opa.callValues("type_name", SAMPLES.get(kind))).isEqualTo(str(kind));
    }
  }

  @Test
  void castsConvertOrRefuse() throws Exception {
    assertThat(opa.callValues("cast_array", set(str("b"), str("a"))))
        .isEqualTo(parse("[\"a\",\"b\"]"));
    assertThat(opa.callValues("cast_set", parse("[1,1,2]"))).isEqualTo(set(parse("1"), parse("2")));
    assertThat(opa.callValues("cast_string", str("x"))).isEqualTo(str("x"));
    assertThat(opa.callValues("cast_null", NullValue.INSTANCE)).isEqualTo(NullValue.INSTANCE);
    assertThat(opa.callValues("cast_object", parse("{\"a\":1}"))).isEqualTo(parse("{\"a\":1}"));
    assertThat(opa.callValues("cast_boolean", BooleanValue.TRUE)).isEqualTo(BooleanValue.TRUE);
    assertThatThrownBy(() -> opa.callValues("cast_boolean", str("true")))
        .hasMessage("operand 1 must be boolean but got string");
    assertThatThrownBy(() -> opa.callValues("cast_array", str("x")))
        .hasMessage("operand 1 must be one of {array, set} but got string");
  }
}
