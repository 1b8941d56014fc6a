package io.meshward.policy.builtins.numbers;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.number;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.set;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.builtins.testkit.BuiltinHarness.FixedContext;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class NumberBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void integerArithmeticIsExactBeyond64Bits() throws Exception {
    assertThat(opa.callValues("plus", number("36893488147419103232"), number("5")).toString())
        .isEqualTo("36893488147419103237");
    assertThat(opa.callValues("minus", number("-36893488147419103232"), number("1")).toString())
        .isEqualTo("-36893488147419103233");
    assertThat(opa.callValues("mul", number("4294967296"), number("4294967296")).toString())
        .isEqualTo("18446744073709551616");
  }

  @Test
  void decimalArithmeticIsExact() throws Exception {
    assertThat(opa.callValues("plus", number("0.1"), number("0.2"))).isEqualTo(number("0.3"));
    assertThat(opa.callValues("mul", number("1.5"), number("4")).toString()).isEqualTo("6");
    assertThat(opa.callValues("minus", number("7"), number("2.25")).toString()).isEqualTo("4.75");
  }

  @Test
  void minusSubtractsSets() throws Exception {
    assertThat(
            opa.callValues(
                "minus", set(number("1"), number("2"), number("3")), set(number("2"), str("x"))))
        .isEqualTo(set(number("1"), number("3")));
    assertThatThrownBy(() -> opa.callValues("minus", set(number("1")), number("1")))
        .hasMessage("operand 2 must be set but got number");
    assertThatThrownBy(() -> opa.callValues("minus", str("a"), number("1")))
        .hasMessage("operand 1 must be one of {number, set} but got string");
  }

  @Test
  void divisionIsExactWhenItTerminatesAndFloatLikeOtherwise() throws Exception {
    assertThat(opa.callValues("div", number("10"), number("4")).toString()).isEqualTo("2.5");
    assertThat(opa.callValues("div", number("12"), number("4")).toString()).isEqualTo("3");
    assertThat(opa.callValues("div", number("1"), number("3")).toString())
        .isEqualTo("0.3333333333333333");
    assertThat(opa.callValues("div", number("2"), number("3")).toString())
        .isEqualTo("0.6666666666666666");
    assertThatThrownBy(() -> opa.callValues("div", number("1"), number("0.0")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("divide by zero");
  }

  @Test
  void remainderNeedsIntegersAndTruncates() throws Exception {
    assertThat(opa.callValues("rem", number("-7"), number("3"))).isEqualTo(number("-1"));
    assertThat(opa.callValues("rem", number("7"), number("-36893488147419103232")))
        .isEqualTo(number("7"));
    assertThatThrownBy(() -> opa.callValues("rem", number("3"), number("0")))
        .hasMessage("modulo by zero");
    assertThatThrownBy(() -> opa.callValues("rem", number("3.5"), number("2")))
        .hasMessage("modulo on floating-point number");
  }

  @Test
  void roundingFunctions() throws Exception {
    assertThat(opa.callValues("round", number("2.5"))).isEqualTo(number("3"));
    assertThat(opa.callValues("round", number("-2.5"))).isEqualTo(number("-3"));
    assertThat(opa.callValues("round", number("-2.4"))).isEqualTo(number("-2"));
    assertThat(opa.callValues("ceil", number("-1.2"))).isEqualTo(number("-1"));
    assertThat(opa.callValues("floor", number("-1.2"))).isEqualTo(number("-2"));
    assertThat(opa.callValues("abs", number("-36893488147419103232")).toString())
        .isEqualTo("36893488147419103232");
    assertThatThrownBy(() -> opa.callValues("abs", str("1")))
        .hasMessage("operand 1 must be number but got string");
  }

  @Test
  void rangesRunEitherWayAndStep() throws Exception {
    assertThat(opa.callValues("numbers.range", number("3"), number("0")))
        .isEqualTo(parse("[3,2,1,0]"));
    assertThat(opa.callValues("numbers.range", number("-1"), number("1")))
        .isEqualTo(parse("[-1,0,1]"));
    assertThat(opa.callValues("numbers.range_step", number("1"), number("8"), number("3")))
        .isEqualTo(parse("[1,4,7]"));
    assertThat(opa.callValues("numbers.range_step", number("8"), number("1"), number("3")))
        .isEqualTo(parse("[8,5,2]"));
    assertThat(
            opa.callValues(
                "numbers.range_step", number("0"), number("5"), number("100000000000000000000")))
        .isEqualTo(parse("[0]"));
    assertThatThrownBy(
            () -> opa.callValues("numbers.range_step", number("0"), number("5"), number("0")))
        .hasMessage("step must be a positive integer");
    assertThatThrownBy(() -> opa.callValues("numbers.range", number("0"), number("100000000000")))
        .hasMessage("range of 100000000001 numbers exceeds the limit of 10000000 elements");
    assertThatThrownBy(() -> opa.callValues("numbers.range", number("0"), number("2.5")))
        .hasMessage("operand 2 must be integer number but got floating-point number");
  }

  @Test
  void randomIntegersAreStableWithinOneEvaluation() throws Exception {
    FixedContext ctx = new FixedContext();
    Value first = opa.callIn(ctx, "rand.intn", str("seed"), number("1000"));
    for (int i = 0; i < 20; i++) {
      assertThat(opa.callIn(ctx, "rand.intn", str("seed"), number("1000"))).isEqualTo(first);
    }
    long v = ((NumberValue) first).longValue().orElseThrow();
    assertThat(v).isBetween(0L, 999L);
    assertThat(opa.callValues("rand.intn", str("x"), number("0"))).isEqualTo(number("0"));
    long negative =
        ((NumberValue) opa.callValues("rand.intn", str("y"), number("-5")))
            .longValue()
            .orElseThrow();
    assertThat(negative).isBetween(0L, 4L);
  }

  @Test
  void bitOperationsUseTwosComplementOnBigIntegers() throws Exception {
    assertThat(opa.callValues("bits.and", number("12"), number("10"))).isEqualTo(number("8"));
    assertThat(opa.callValues("bits.or", number("12"), number("10"))).isEqualTo(number("14"));
    assertThat(opa.callValues("bits.xor", number("12"), number("10"))).isEqualTo(number("6"));
    assertThat(opa.callValues("bits.negate", number("5"))).isEqualTo(number("-6"));
    assertThat(opa.callValues("bits.lsh", number("1"), number("70")).toString())
        .isEqualTo("1180591620717411303424");
    assertThat(opa.callValues("bits.rsh", number("-9"), number("1"))).isEqualTo(number("-5"));
    assertThatThrownBy(() -> opa.callValues("bits.lsh", number("1"), number("-1")))
        .hasMessage("operand 2 must be an unsigned integer number but got a negative integer");
    assertThatThrownBy(() -> opa.callValues("bits.and", number("1.5"), number("1")))
        .hasMessage("operand 1 must be integer number but got floating-point number");
  }

  @Test
  void formatIntTruncatesTowardsZero() throws Exception {
    assertThat(opa.callValues("format_int", number("255"), number("16"))).isEqualTo(str("ff"));
    assertThat(opa.callValues("format_int", number("-10.9"), number("2"))).isEqualTo(str("-1010"));
    assertThat(opa.callValues("format_int", number("36893488147419103232"), number("8")))
        .isEqualTo(str("4000000000000000000000"));
    assertThatThrownBy(() -> opa.callValues("format_int", number("1"), number("3")))
        .isInstanceOfSatisfying(
            BuiltinException.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"))
        .hasMessage("operand 2 must be one of {2, 8, 10, 16}");
  }

  @Test
  void toNumberConvertsScalars() throws Exception {
    assertThat(opa.callValues("to_number", NullValue.INSTANCE)).isEqualTo(number("0"));
    assertThat(opa.callValues("to_number", BooleanValue.TRUE)).isEqualTo(number("1"));
    assertThat(opa.callValues("to_number", str("-12.5e1"))).isEqualTo(number("-125"));
    assertThat(opa.callValues("to_number", str("+7"))).isEqualTo(number("7"));
    assertThat(opa.callValues("to_number", str(".5"))).isEqualTo(number("0.5"));
    assertThatThrownBy(() -> opa.callValues("to_number", str("12abc")))
        .hasMessageContaining("invalid syntax");
    assertThatThrownBy(() -> opa.callValues("to_number", str("-Infinity")))
        .isInstanceOfSatisfying(
            BuiltinException.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"));
    assertThatThrownBy(() -> opa.callValues("to_number", parse("[1]")))
        .hasMessage("operand 1 must be one of {boolean, null, number, string} but got array");
  }
}
