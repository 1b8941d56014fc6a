package io.meshward.policy.builtins.units;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class UnitsBuiltinsTest {

  private static Value n(String text) {
    return NumberValue.parse(text);
  }

  @Test
  void parseDistinguishesMilliFromMega() throws Exception {
    assertThat(call("units.parse", str("250m"))).isEqualTo(n("0.25"));
    assertThat(call("units.parse", str("2M"))).isEqualTo(n("2000000"));
    assertThat(call("units.parse", str("2MI"))).isEqualTo(n("2097152"));
    assertThat(call("units.parse", str("0.5Ki"))).isEqualTo(n("512"));
    assertThat(call("units.parse", str("1.5e2k"))).isEqualTo(n("150000"));
    assertThat(call("units.parse", str("-2e-1"))).isEqualTo(n("-0.2"));
    assertThat(call("units.parse", str("3E"))).isEqualTo(n("3000000000000000000"));
    assertThat(call("units.parse", str("\"7\""))).isEqualTo(n("7"));
    // Whole amounts come out as integers, whatever their notation.
    assertThat(call("units.parse", str("1.5K")).toString()).isEqualTo("1500");
    assertThat(((NumberValue) call("units.parse", str("2e3"))).bigDecimalValue().scale()).isZero();
  }

  @Test
  void parseBytesIsCaseInsensitiveAndWhole() throws Exception {
    assertThat(call("units.parse_bytes", str("1.5KiB"))).isEqualTo(n("1536"));
    assertThat(call("units.parse_bytes", str("1.0001kb"))).isEqualTo(n("1000"));
    assertThat(call("units.parse_bytes", str("3gIb"))).isEqualTo(n("3221225472"));
    assertThat(call("units.parse_bytes", str("2e3"))).isEqualTo(n("2000"));
    assertThat(call("units.parse_bytes", str("16EiB")).toString())
        .isEqualTo("18446744073709551616");
  }

  @Test
  void badAmountsAreExplained() {
    assertThatThrownBy(() -> call("units.parse", str("Ki"))).hasMessage("no amount provided");
    assertThatThrownBy(() -> call("units.parse_bytes", str("")))
        .hasMessage("no byte amount provided");
    assertThatThrownBy(() -> call("units.parse", str("1.2.3")))
        .hasMessage("could not parse amount to a number");
    assertThatThrownBy(() -> call("units.parse_bytes", str("1 KB")))
        .hasMessage("spaces not allowed in resource strings");
    assertThatThrownBy(() -> call("units.parse_bytes", str("1e999999KB")))
        .hasMessage("exponent too large");
    assertThatThrownBy(() -> call("units.parse", str("5Q"))).hasMessage("unit Q not recognized");
    assertThatThrownBy(() -> call("units.parse_bytes", str("5qb")))
        .hasMessage("byte unit qb not recognized");
  }
}
