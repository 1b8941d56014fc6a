package io.meshward.policy.builtins.units;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.number;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.NumberValue;
import org.junit.jupiter.api.Test;

class UnitsBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void parseDistinguishesMilliFromMega() throws Exception {
    assertThat(opa.callValues("units.parse", str("250m"))).isEqualTo(number("0.25"));
    assertThat(opa.callValues("units.parse", str("2M"))).isEqualTo(number("2000000"));
    assertThat(opa.callValues("units.parse", str("2MI"))).isEqualTo(number("2097152"));
    assertThat(opa.callValues("units.parse", str("0.5Ki"))).isEqualTo(number("512"));
    assertThat(opa.callValues("units.parse", str("1.5e2k"))).isEqualTo(number("150000"));
    assertThat(opa.callValues("units.parse", str("-2e-1"))).isEqualTo(number("-0.2"));
    assertThat(opa.callValues("units.parse", str("3E"))).isEqualTo(number("3000000000000000000"));
    assertThat(opa.callValues("units.parse", str("\"7\""))).isEqualTo(number("7"));
    // Whole amounts come out as integers, whatever their notation.
    assertThat(opa.callValues("units.parse", str("1.5K")).toString()).isEqualTo("1500");
    assertThat(((NumberValue) opa.callValues("units.parse", str("2e3"))).bigDecimalValue().scale())
        .isZero();
  }

  @Test
  void parseBytesIsCaseInsensitiveAndWhole() throws Exception {
    assertThat(opa.callValues("units.parse_bytes", str("1.5KiB"))).isEqualTo(number("1536"));
    assertThat(opa.callValues("units.parse_bytes", str("1.0001kb"))).isEqualTo(number("1000"));
    assertThat(opa.callValues("units.parse_bytes", str("3gIb"))).isEqualTo(number("3221225472"));
    assertThat(opa.callValues("units.parse_bytes", str("2e3"))).isEqualTo(number("2000"));
    assertThat(opa.callValues("units.parse_bytes", str("16EiB")).toString())
        .isEqualTo("18446744073709551616");
  }

  @Test
  void badAmountsAreExplained() {
    assertThatThrownBy(() -> opa.callValues("units.parse", str("Ki")))
        .hasMessage("no amount provided");
    assertThatThrownBy(() -> opa.callValues("units.parse_bytes", str("")))
        .hasMessage("no byte amount provided");
    assertThatThrownBy(() -> opa.callValues("units.parse", str("1.2.3")))
        .hasMessage("could not parse amount to a number");
    assertThatThrownBy(() -> opa.callValues("units.parse_bytes", str("1 KB")))
        .hasMessage("spaces not allowed in resource strings");
    assertThatThrownBy(() -> opa.callValues("units.parse_bytes", str("1e999999KB")))
        .hasMessage("exponent too large");
    assertThatThrownBy(() -> opa.callValues("units.parse", str("5Q")))
        .hasMessage("unit Q not recognized");
    assertThatThrownBy(() -> opa.callValues("units.parse_bytes", str("5qb")))
        .hasMessage("byte unit qb not recognized");
  }
}
