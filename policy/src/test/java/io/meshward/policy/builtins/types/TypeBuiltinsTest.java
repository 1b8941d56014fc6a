package io.meshward.policy.builtins.types;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.json;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.set;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeBuiltinsTest {

  private static final Map<String, Value> SAMPLES =
      Map.of(
          "null", NullValue.INSTANCE,
          "boolean", BooleanValue.FALSE,
          "number", json("1.5"),
          "string", str(""),
          "array", json("[]"),
          "object", json("{}"),
          "set", set());

  @Test
  void eachTestIsTrueOnlyForItsKind() throws Exception {
    for (String kind : List.of("null", "boolean", "number", "string", "array", "object", "set")) {
      for (Map.Entry<String, Value> sample : SAMPLES.entrySet()) {
        assertThat(call("is_" + kind, sample.getValue()))
            .as("is_%s(%s)", kind, sample.getKey())
            .isEqualTo(BooleanValue.of(kind.equals(sample.getKey())));
      }
      assertThat(call("type_name", SAMPLES.get(kind))).isEqualTo(str(kind));
    }
  }

  @Test
  void castsConvertOrRefuse() throws Exception {
    assertThat(call("cast_array", set(str("b"), str("a")))).isEqualTo(json("[\"a\",\"b\"]"));
    assertThat(call("cast_set", json("[1,1,2]"))).isEqualTo(set(json("1"), json("2")));
    assertThat(call("cast_string", str("x"))).isEqualTo(str("x"));
    assertThat(call("cast_null", NullValue.INSTANCE)).isEqualTo(NullValue.INSTANCE);
    assertThat(call("cast_object", json("{\"a\":1}"))).isEqualTo(json("{\"a\":1}"));
    assertThat(call("cast_boolean", BooleanValue.TRUE)).isEqualTo(BooleanValue.TRUE);
    assertThatThrownBy(() -> call("cast_boolean", str("true")))
        .hasMessage("operand 1 must be boolean but got string");
    assertThatThrownBy(() -> call("cast_array", str("x")))
        .hasMessage("operand 1 must be one of {array, set} but got string");
  }
}
