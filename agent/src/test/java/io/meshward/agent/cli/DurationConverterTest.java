package io.meshward.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @Test
  void shortAndIsoForms() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void nonsenseAndZeroAreRefused() {
    assertThatThrownBy(() -> converter.convert("ten minutes")).hasMessageContaining("10m");
    assertThatThrownBy(() -> converter.convert("0s")).hasMessageContaining("longer than zero");
  }
}
