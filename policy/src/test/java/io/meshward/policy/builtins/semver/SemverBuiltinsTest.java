package io.meshward.policy.builtins.semver;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemverBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void validity() throws Exception {
    for (String ok :
        List.of("0.0.0", "1.2.3-rc.1+build.5", "10.20.30-alpha-beta.0a", "1.0.0+001")) {
      assertThat(opa.callValues("semver.is_valid", str(ok))).as(ok).isEqualTo(BooleanValue.TRUE);
    }
    for (String bad :
        List.of(
            "1.2",
            "v1.2.3",
            "01.2.3",
            "1.2.3-01",
            "1.2.3-",
            "1.2.3+",
            " 1.2.3",
            "1.2.3.4",
            "1..3",
            "1.2.3-a..b",
            "1.2.3+b_c",
            "1.2.3-\u00e9",
            "1.2.-3")) {
      assertThat(opa.callValues("semver.is_valid", str(bad))).as(bad).isEqualTo(BooleanValue.FALSE);
    }
    assertThat(opa.callValues("semver.is_valid", NumberValue.of(1))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void precedenceFollowsTheSpecification() throws Exception {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.10.0",
            "18446744073709551616.0.0");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      assertThat(opa.callValues("semver.compare", str(ordered.get(i)), str(ordered.get(i + 1))))
          .isEqualTo(NumberValue.of(-1));
      assertThat(opa.callValues("semver.compare", str(ordered.get(i + 1)), str(ordered.get(i))))
          .isEqualTo(NumberValue.of(1));
    }
    assertThat(opa.callValues("semver.compare", str("1.0.0+a"), str("1.0.0+b")))
        .isEqualTo(NumberValue.of(0));
    assertThatThrownBy(() -> opa.callValues("semver.compare", str("1.0.0"), str("1")))
        .hasMessage("operand 2: string \"1\" is not a valid SemVer");
  }
}
