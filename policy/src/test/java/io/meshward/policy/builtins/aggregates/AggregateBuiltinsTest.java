package io.meshward.policy.builtins.aggregates;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.number;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.set;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class AggregateBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void countCountsRunesElementsAndKeys() throws Exception {
    assertThat(opa.callValues("count", str("h\u00e9\uD83D\uDE00"))).isEqualTo(number("3"));
    assertThat(opa.callValues("count", parse("[1,[2,3]]"))).isEqualTo(number("2"));
    assertThat(opa.callValues("count", parse("{\"a\":1,\"b\":2,\"c\":3}"))).isEqualTo(number("3"));
    assertThat(opa.callValues("count", set())).isEqualTo(number("0"));
    assertThatThrownBy(() -> opa.callValues("count", NullValue.INSTANCE))
        .hasMessage("operand 1 must be one of {array, object, set, string} but got null");
  }

  @Test
  void sumAndProductStayExact() throws Exception {
    assertThat(opa.callValues("sum", parse("[36893488147419103232, 1]")).toString())
        .isEqualTo("36893488147419103233");
    assertThat(opa.callValues("sum", parse("[1, 2.25, 0.5]")).toString()).isEqualTo("3.75");
    assertThat(opa.callValues("sum", parse("[]"))).isEqualTo(number("0"));
    // Crossing the 64-bit range midway stays exact, in both directions.
    assertThat(opa.callValues("sum", parse("[9223372036854775807, 1, -2]")).toString())
        .isEqualTo("9223372036854775806");
    assertThat(opa.callValues("product", parse("[4294967296, 4294967296, 3, 0.5]")).toString())
        .isEqualTo("27670116110564327424");
    assertThat(opa.callValues("product", set(number("3"), number("4"), number("0.5"))))
        .isEqualTo(number("6"));
    assertThat(opa.callValues("product", parse("[]"))).isEqualTo(number("1"));
    assertThatThrownBy(() -> opa.callValues("sum", parse("[1, \"2\"]")))
        .hasMessage("operand 1 must be array of numbers but got array containing string");
  }

  @Test
  void maxMinAndSortFollowTheValueOrder() throws Exception {
    Value mixed = parse("[3, \"a\", null, [1], false, 10]");
    assertThat(opa.callValues("max", mixed)).isEqualTo(parse("[1]"));
    assertThat(opa.callValues("min", mixed)).isEqualTo(NullValue.INSTANCE);
    assertThat(opa.callValues("sort", mixed)).isEqualTo(parse("[null, false, 3, 10, \"a\", [1]]"));
    assertThat(opa.callValues("sort", set(str("b"), str("a")))).isEqualTo(parse("[\"a\",\"b\"]"));
    assertThat(opa.callValues("max", parse("[]"))).isNull();
    assertThat(opa.callValues("min", set())).isNull();
    assertThatThrownBy(() -> opa.callValues("max", str("ab")))
        .hasMessage("operand 1 must be one of {array, set} but got string");
    assertThatThrownBy(() -> opa.callValues("sort", str("ab")))
        .hasMessage("operand 1 must be one of {array, set} but got string");
  }

  @Test
  void allAndAnyLookForTrue() throws Exception {
    assertThat(opa.callValues("all", parse("[true, true]"))).isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("all", parse("[true, 1]"))).isEqualTo(BooleanValue.FALSE);
    assertThat(opa.callValues("all", parse("[]"))).isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("any", set(BooleanValue.FALSE, BooleanValue.TRUE)))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("any", parse("[]"))).isEqualTo(BooleanValue.FALSE);
  }
}
