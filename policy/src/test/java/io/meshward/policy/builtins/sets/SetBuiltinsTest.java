package io.meshward.policy.builtins.sets;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.number;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.set;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.SetValue;
import org.junit.jupiter.api.Test;

class SetBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void operatorsAndDifference() throws Exception {
    SetValue a = set(number(1), number(2), number(3));
    SetValue b = set(number(3), number(4));
    assertThat(opa.callValues("and", a, b)).isEqualTo(set(number(3)));
    assertThat(opa.callValues("or", a, b))
        .isEqualTo(set(number(1), number(2), number(3), number(4)));
    assertThat(opa.callValues("set_diff", a, b)).isEqualTo(set(number(1), number(2)));
    assertThat(opa.callValues("and", a, SetValue.EMPTY)).isEqualTo(SetValue.EMPTY);
    assertThatThrownBy(() -> opa.callValues("or", a, str("x")))
        .hasMessage("operand 2 must be set but got string");
  }

  @Test
  void intersectionAndUnionOfMany() throws Exception {
    SetValue sets =
        set(
            set(number(1), number(2), number(3)),
            set(number(2), number(3), number(4)),
            set(number(3), number(2)));
    assertThat(opa.callValues("intersection", sets)).isEqualTo(set(number(2), number(3)));
    assertThat(opa.callValues("union", sets))
        .isEqualTo(set(number(1), number(2), number(3), number(4)));
    assertThat(opa.callValues("intersection", SetValue.EMPTY)).isEqualTo(SetValue.EMPTY);
    assertThat(opa.callValues("union", SetValue.EMPTY)).isEqualTo(SetValue.EMPTY);
    assertThatThrownBy(() -> opa.callValues("union", set(set(number(1)), number(2))))
        .hasMessage("operand 1 must be set of sets but got set containing number");
  }
}
