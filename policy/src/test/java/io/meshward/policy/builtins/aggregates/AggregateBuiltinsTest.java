package io.meshward.policy.builtins.aggregates;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.json;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.set;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class AggregateBuiltinsTest {

  private static Value n(String text) {
    return NumberValue.parse(text);
  }

  @Test
  void countCountsRunesElementsAndKeys() throws Exception {
    assertThat(call("count", str("h\u00e9\uD83D\uDE00"))).isEqualTo(n("3"));
    assertThat(call("count", json("[1,[2,3]]"))).isEqualTo(n("2"));
    assertThat(call("count", json("{\"a\":1,\"b\":2,\"c\":3}"))).isEqualTo(n("3"));
    assertThat(call("count", set())).isEqualTo(n("0"));
    assertThatThrownBy(() -> call("count", NullValue.INSTANCE))
        .hasMessage("operand 1 must be one of {array, object, set, string} but got null");
  }

  @Test
  void sumAndProductStayExact() throws Exception {
    assertThat(call("sum", json("[36893488147419103232, 1]")).toString())
        .isEqualTo("36893488147419103233");
    assertThat(call("sum", json("[1, 2.25, 0.5]")).toString()).isEqualTo("3.75");
    assertThat(call("sum", json("[]"))).isEqualTo(n("0"));
    // Crossing the 64-bit range midway stays exact, in both directions.
    assertThat(call("sum", json("[9223372036854775807, 1, -2]")).toString())
        .isEqualTo("9223372036854775806");
    assertThat(call("product", json("[4294967296, 4294967296, 3, 0.5]")).toString())
        .isEqualTo("27670116110564327424");
    assertThat(call("product", set(n("3"), n("4"), n("0.5")))).isEqualTo(n("6"));
    assertThat(call("product", json("[]"))).isEqualTo(n("1"));
    assertThatThrownBy(() -> call("sum", json("[1, \"2\"]")))
        .hasMessage("operand 1 must be array of numbers but got array containing string");
  }

  @Test
  void maxMinAndSortFollowTheValueOrder() throws Exception {
    Value mixed = json("[3, \"a\", null, [1], false, 10]");
    assertThat(call("max", mixed)).isEqualTo(json("[1]"));
    assertThat(call("min", mixed)).isEqualTo(NullValue.INSTANCE);
    assertThat(call("sort", mixed)).isEqualTo(json("[null, false, 3, 10, \"a\", [1]]"));
    assertThat(call("sort", set(str("b"), str("a")))).isEqualTo(json("[\"a\",\"b\"]"));
    assertThat(call("max", json("[]"))).isNull();
    assertThat(call("min", set())).isNull();
    assertThatThrownBy(() -> call("max", str("ab")))
        .hasMessage("operand 1 must be one of {array, set} but got string");
    assertThatThrownBy(() -> call("sort", str("ab")))
        .hasMessage("operand 1 must be one of {array, set} but got string");
  }

  @Test
  void allAndAnyLookForTrue() throws Exception {
    assertThat(call("all", json("[true, true]"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("all", json("[true, 1]"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("all", json("[]"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("any", set(BooleanValue.FALSE, BooleanValue.TRUE)))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("any", json("[]"))).isEqualTo(BooleanValue.FALSE);
  }
}
