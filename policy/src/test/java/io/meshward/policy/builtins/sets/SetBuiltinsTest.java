package io.meshward.policy.builtins.sets;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.set;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class SetBuiltinsTest {

  private static Value n(long v) {
    return NumberValue.of(v);
  }

  @Test
  void operatorsAndDifference() throws Exception {
    SetValue a = set(n(1), n(2), n(3));
    SetValue b = set(n(3), n(4));
    assertThat(call("and", a, b)).isEqualTo(set(n(3)));
    assertThat(call("or", a, b)).isEqualTo(set(n(1), n(2), n(3), n(4)));
    assertThat(call("set_diff", a, b)).isEqualTo(set(n(1), n(2)));
    assertThat(call("and", a, SetValue.EMPTY)).isEqualTo(SetValue.EMPTY);
    assertThatThrownBy(() -> call("or", a, str("x")))
        .hasMessage("operand 2 must be set but got string");
  }

  @Test
  void intersectionAndUnionOfMany() throws Exception {
    SetValue sets = set(set(n(1), n(2), n(3)), set(n(2), n(3), n(4)), set(n(3), n(2)));
    assertThat(call("intersection", sets)).isEqualTo(set(n(2), n(3)));
    assertThat(call("union", sets)).isEqualTo(set(n(1), n(2), n(3), n(4)));
    assertThat(call("intersection", SetValue.EMPTY)).isEqualTo(SetValue.EMPTY);
    assertThat(call("union", SetValue.EMPTY)).isEqualTo(SetValue.EMPTY);
    assertThatThrownBy(() -> call("union", set(set(n(1)), n(2))))
        .hasMessage("operand 1 must be set of sets but got set containing number");
  }
}
