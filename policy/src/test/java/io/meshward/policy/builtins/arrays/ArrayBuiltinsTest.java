package io.meshward.policy.builtins.arrays;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class ArrayBuiltinsTest {

  private static Value n(String text) {
    return NumberValue.parse(text);
  }

  @Test
  void concatJoinsInOrder() throws Exception {
    assertThat(call("array.concat", json("[1,2]"), json("[[3],2]"))).isEqualTo(json("[1,2,[3],2]"));
    assertThat(call("array.concat", json("[]"), json("[]"))).isEqualTo(json("[]"));
    assertThatThrownBy(() -> call("array.concat", json("[]"), json("{}")))
        .hasMessage("operand 2 must be array but got object");
  }

  @Test
  void sliceClampsItsBounds() throws Exception {
    Value a = json("[0,1,2,3,4]");
    assertThat(call("array.slice", a, n("1"), n("3"))).isEqualTo(json("[1,2]"));
    assertThat(call("array.slice", a, n("-10"), n("2"))).isEqualTo(json("[0,1]"));
    assertThat(call("array.slice", a, n("3"), n("99999999999999999999"))).isEqualTo(json("[3,4]"));
    assertThat(call("array.slice", a, n("4"), n("2"))).isEqualTo(json("[]"));
    assertThatThrownBy(() -> call("array.slice", a, n("0.5"), n("2")))
        .hasMessage("operand 2 must be integer number but got floating-point number");
  }

  @Test
  void reverseAndFlatten() throws Exception {
    assertThat(call("array.reverse", json("[1,[2],\"x\"]"))).isEqualTo(json("[\"x\",[2],1]"));
    assertThat(call("array.flatten", json("[1,[2,[3,[]]],[],{\"a\":[4]}]")))
        .isEqualTo(json("[1,2,[3,[]],{\"a\":[4]}]"));
    assertThatThrownBy(() -> call("array.flatten", n("1")))
        .hasMessage("operand 1 must be array but got number");
  }
}
