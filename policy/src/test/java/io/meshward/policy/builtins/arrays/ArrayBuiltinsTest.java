package io.meshward.policy.builtins.arrays;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.number;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class ArrayBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void concatJoinsInOrder() throws Exception {
    assertThat(opa.callValues("array.concat", parse("[1,2]"), parse("[[3],2]")))
        .isEqualTo(parse("[1,2,[3],2]"));
    assertThat(opa.callValues("array.concat", parse("[]"), parse("[]"))).isEqualTo(parse("[]"));
    assertThatThrownBy(() -> opa.callValues("array.concat", parse("[]"), parse("{}")))
        .hasMessage("operand 2 must be array but got object");
  }

  @Test
  void sliceClampsItsBounds() throws Exception {
    Value a = parse("[0,1,2,3,4]");
    assertThat(opa.callValues("array.slice", a, number("1"), number("3")))
        .isEqualTo(parse("[1,2]"));
    assertThat(opa.callValues("array.slice", a, number("-10"), number("2")))
        .isEqualTo(parse("[0,1]"));
    assertThat(opa.callValues("array.slice", a, number("3"), number("99999999999999999999")))
        .isEqualTo(parse("[3,4]"));
    assertThat(opa.callValues("array.slice", a, number("4"), number("2"))).isEqualTo(parse("[]"));
    assertThatThrownBy(() -> opa.callValues("array.slice", a, number("0.5"), number("2")))
        .hasMessage("operand 2 must be integer number but got floating-point number");
  }

  @Test
  void reverseAndFlatten() throws Exception {
    assertThat(opa.callValues("array.reverse", parse("[1,[2],\"x\"]")))
        .isEqualTo(parse("[\"x\",[2],1]"));
    assertThat(opa.callValues("array.flatten", parse("[1,[2,[3,[]]],[],{\"a\":[4]}]")))
        .isEqualTo(parse("[1,2,[3,[]],{\"a\":[4]}]"));
    assertThatThrownBy(() -> opa.callValues("array.flatten", number("1")))
        .hasMessage("operand 1 must be array but got number");
  }
}
