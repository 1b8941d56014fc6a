package io.meshward.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginApiValuesTest {

  @Test
  void plainJavaBecomesTypedFactsAndBack() {
    FactValue volumes =
        FactValue.fromPlain(
            List.of(Map.of("mount", "/", "system", true, "size", 512L, "ratio", 0.5)));
    assertThat(volumes.type()).isEqualTo(FactType.LIST);
    FactValue.MapValue volume =
        (FactValue.MapValue) ((FactValue.ListValue) volumes).values().getFirst();
    assertThat(volume.get("system")).contains(FactValue.of(true));
    assertThat(volume.get("size")).contains(FactValue.of(512));
    assertThat(volume.get("ratio")).contains(FactValue.of(new BigDecimal("0.5")));
    assertThat(volume.entries().keySet()).containsExactly("mount", "ratio", "size", "system");
    assertThat(volumes.toPlain())
        .isEqualTo(
            List.of(
                Map.of(
                    "mount",
                    "/",
                    "system",
                    true,
                    "size",
                    BigDecimal.valueOf(512),
                    "ratio",
                    new BigDecimal("0.5"))));
  }

  @Test
  void nullsAndForeignTypesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> FactValue.fromPlain(null)).hasMessageContaining("null");
    assertThatThrownBy(() -> FactValue.fromPlain(Arrays.asList("a", null)))
        .hasMessageContaining("null");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThatThrownBy(() -> FactValue.fromPlain(withNull)).hasMessageContaining("null");
    assertThatThrownBy(() -> FactValue.fromPlain(new Object()))
        .hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> FactValue.fromPlain(Map.of(1, "x")))
        .hasMessageContaining("keys must be strings");
  }

  @Test
  void resultsNeedAReasonAndAPositiveValidity() {
    assertThatThrownBy(() -> PostureResult.pass(" ")).hasMessageContaining("reason");
    assertThatThrownBy(() -> PostureResult.fail("x").validFor(Duration.ZERO))
        .hasMessageContaining("positive");
    PostureResult result = PostureResult.unknown("no data").withFact("b", FactValue.of("2"));
    assertThat(result.verdict().policyName()).isEqualTo("unknown");
    assertThat(result.validFor()).isEqualTo(PostureResult.DEFAULT_VALIDITY);
    assertThatThrownBy(() -> result.facts().put("c", FactValue.of(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void devicesReadTextFactsOnlyWhenTheyAreText() {
    Device device =
        new Device(
            "d",
            Map.of("os.version", FactValue.of(14), "os.platform", FactValue.of("ios")),
            Optional.empty());
    assertThat(device.text("os.platform")).contains("ios");
    assertThat(device.text("os.version")).isEmpty();
    assertThat(device.text("missing")).isEmpty();
  }

  @Test
  void apiVersionsAreCompatibleWithinAMajor() {
    assertThat(ApiVersion.CURRENT.isCompatibleWith(ApiVersion.parse("1.7"))).isTrue();
    assertThat(ApiVersion.CURRENT.isCompatibleWith(ApiVersion.parse("2.0"))).isFalse();
    assertThat(ApiVersion.parse("1")).isEqualTo(new ApiVersion(1, 0));
    assertThatThrownBy(() -> ApiVersion.parse("one")).hasMessageContaining("Not an API version");
  }
}
