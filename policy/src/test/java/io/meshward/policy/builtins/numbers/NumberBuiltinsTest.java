package io.meshward.policy.builtins.numbers;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.json;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.set;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.TestContext;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class NumberBuiltinsTest {

  private static Value n(String text) {
    return NumberValue.parse(text);
  }

  @Test
  void integerArithmeticIsExactBeyond64Bits() throws Exception {
    assertThat(call("plus", n("36893488147419103232"), n("5")).toString())
        .isEqualTo("36893488147419103237");
    assertThat(call("minus", n("-36893488147419103232"), n("1")).toString())
        .isEqualTo("-36893488147419103233");
    assertThat(call("mul", n("4294967296"), n("4294967296")).toString())
        .isEqualTo("18446744073709551616");
  }

  @Test
  void decimalArithmeticIsExact() throws Exception {
    assertThat(call("plus", n("0.1"), n("0.2"))).isEqualTo(n("0.3"));
    assertThat(call("mul", n("1.5"), n("4")).toString()).isEqualTo("6");
    assertThat(call("minus", n("7"), n("2.25")).toString()).isEqualTo("4.75");
  }

  @Test
  void minusSubtractsSets() throws Exception {
    assertThat(call("minus", set(n("1"), n("2"), n("3")), set(n("2"), str("x"))))
        .isEqualTo(set(n("1"), n("3")));
    assertThatThrownBy(() -> call("minus", set(n("1")), n("1")))
        .hasMessage("operand 2 must be set but got number");
    assertThatThrownBy(() -> call("minus", str("a"), n("1")))
        .hasMessage("operand 1 must be one of {number, set} but got string");
  }

  @Test
  void divisionIsExactWhenItTerminatesAndFloatLikeOtherwise() throws Exception {
    assertThat(call("div", n("10"), n("4")).toString()).isEqualTo("2.5");
    assertThat(call("div", n("12"), n("4")).toString()).isEqualTo("3");
    assertThat(call("div", n("1"), n("3")).toString()).isEqualTo("0.3333333333333333");
    assertThat(call("div", n("2"), n("3")).toString()).isEqualTo("0.6666666666666666");
    assertThatThrownBy(() -> call("div", n("1"), n("0.0")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("divide by zero");
  }

  @Test
  void remainderNeedsIntegersAndTruncates() throws Exception {
    assertThat(call("rem", n("-7"), n("3"))).isEqualTo(n("-1"));
    assertThat(call("rem", n("7"), n("-36893488147419103232"))).isEqualTo(n("7"));
    assertThatThrownBy(() -> call("rem", n("3"), n("0"))).hasMessage("modulo by zero");
    assertThatThrownBy(() -> call("rem", n("3.5"), n("2")))
        .hasMessage("modulo on floating-point number");
  }

  @Test
  void roundingFunctions() throws Exception {
    assertThat(call("round", n("2.5"))).isEqualTo(n("3"));
    assertThat(call("round", n("-2.5"))).isEqualTo(n("-3"));
    assertThat(call("round", n("-2.4"))).isEqualTo(n("-2"));
    assertThat(call("ceil", n("-1.2"))).isEqualTo(n("-1"));
    assertThat(call("floor", n("-1.2"))).isEqualTo(n("-2"));
    assertThat(call("abs", n("-36893488147419103232")).toString())
        .isEqualTo("36893488147419103232");
    assertThatThrownBy(() -> call("abs", str("1")))
        .hasMessage("operand 1 must be number but got string");
  }

  @Test
  void rangesRunEitherWayAndStep() throws Exception {
    assertThat(call("numbers.range", n("3"), n("0"))).isEqualTo(json("[3,2,1,0]"));
    assertThat(call("numbers.range", n("-1"), n("1"))).isEqualTo(json("[-1,0,1]"));
    assertThat(call("numbers.range_step", n("1"), n("8"), n("3"))).isEqualTo(json("[1,4,7]"));
    assertThat(call("numbers.range_step", n("8"), n("1"), n("3"))).isEqualTo(json("[8,5,2]"));
    assertThat(call("numbers.range_step", n("0"), n("5"), n("100000000000000000000")))
        .isEqualTo(json("[0]"));
    assertThatThrownBy(() -> call("numbers.range_step", n("0"), n("5"), n("0")))
        .hasMessage("step must be a positive integer");
    assertThatThrownBy(() -> call("numbers.range", n("0"), n("100000000000")))
        .hasMessage("range of 100000000001 numbers exceeds the limit of 10000000 elements");
    assertThatThrownBy(() -> call("numbers.range", n("0"), n("2.5")))
        .hasMessage("operand 2 must be integer number but got floating-point number");
  }

  @Test
  void randomIntegersAreStableWithinOneEvaluation() throws Exception {
    TestContext ctx = new TestContext();
    Value first = call(ctx, "rand.intn", str("seed"), n("1000"));
    for (int i = 0; i < 20; i++) {
      assertThat(call(ctx, "rand.intn", str("seed"), n("1000"))).isEqualTo(first);
    }
    long v = ((NumberValue) first).longValue().orElseThrow();
    assertThat(v).isBetween(0L, 999L);
    assertThat(call("rand.intn", str("x"), n("0"))).isEqualTo(n("0"));
    long negative = ((NumberValue) call("rand.intn", str("y"), n("-5"))).longValue().orElseThrow();
    assertThat(negative).isBetween(0L, 4L);
  }

  @Test
  void bitOperationsUseTwosComplementOnBigIntegers() throws Exception {
    assertThat(call("bits.and", n("12"), n("10"))).isEqualTo(n("8"));
    assertThat(call("bits.or", n("12"), n("10"))).isEqualTo(n("14"));
    assertThat(call("bits.xor", n("12"), n("10"))).isEqualTo(n("6"));
    assertThat(call("bits.negate", n("5"))).isEqualTo(n("-6"));
    assertThat(call("bits.lsh", n("1"), n("70")).toString()).isEqualTo("1180591620717411303424");
    assertThat(call("bits.rsh", n("-9"), n("1"))).isEqualTo(n("-5"));
    assertThatThrownBy(() -> call("bits.lsh", n("1"), n("-1")))
        .hasMessage("operand 2 must be an unsigned integer number but got a negative integer");
    assertThatThrownBy(() -> call("bits.and", n("1.5"), n("1")))
        .hasMessage("operand 1 must be integer number but got floating-point number");
  }

  @Test
  void formatIntTruncatesTowardsZero() throws Exception {
    assertThat(call("format_int", n("255"), n("16"))).isEqualTo(str("ff"));
    assertThat(call("format_int", n("-10.9"), n("2"))).isEqualTo(str("-1010"));
    assertThat(call("format_int", n("36893488147419103232"), n("8")))
        .isEqualTo(str("4000000000000000000000"));
    assertThatThrownBy(() -> call("format_int", n("1"), n("3")))
        .isInstanceOfSatisfying(
            BuiltinException.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"))
        .hasMessage("operand 2 must be one of {2, 8, 10, 16}");
  }

  @Test
  void toNumberConvertsScalars() throws Exception {
    assertThat(call("to_number", NullValue.INSTANCE)).isEqualTo(n("0"));
    assertThat(call("to_number", BooleanValue.TRUE)).isEqualTo(n("1"));
    assertThat(call("to_number", str("-12.5e1"))).isEqualTo(n("-125"));
    assertThat(call("to_number", str("+7"))).isEqualTo(n("7"));
    assertThat(call("to_number", str(".5"))).isEqualTo(n("0.5"));
    assertThatThrownBy(() -> call("to_number", str("12abc")))
        .hasMessageContaining("invalid syntax");
    assertThatThrownBy(() -> call("to_number", str("-Infinity")))
        .isInstanceOfSatisfying(
            BuiltinException.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"));
    assertThatThrownBy(() -> call("to_number", json("[1]")))
        .hasMessage("operand 1 must be one of {boolean, null, number, string} but got array");
  }
}
