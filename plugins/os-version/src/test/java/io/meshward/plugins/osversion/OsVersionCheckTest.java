package io.meshward.plugins.osversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PluginLog;
import io.meshward.plugin.api.PostureResult;
import io.meshward.plugin.api.Verdict;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsVersionCheckTest {

  private static final Map<String, String> CONFIG =
      Map.of(
          "min-windows", "10.0.22631",
          "min-macos", "14.10",
          "min-ios", "17.2",
          "min-android", "14",
          "min-linux-kernel", "6.1",
          "min-linux-debian", "12",
          "min-linux-ubuntu", "22.04");

  private final OsVersionCheck check = new OsVersionCheck();

  @ParameterizedTest
  @CsvSource({
    "windows, 10.0.19045, FAIL",
    "windows, 10.0.22631, PASS",
    "windows, 10.0.22631.2861, PASS",
    "windows, 10.0.9999, FAIL",
    "macos, 14.2.1, FAIL",
    "macos, 14.10, PASS",
    "macos, 15.0, PASS",
    "ios, 17.1.2, FAIL",
    "ios, 17.2, PASS",
    "android, 13, FAIL",
    "android, 14, PASS",
    "WINDOWS, 10.0.22631, PASS",
  })
  void comparesVersionsAsNumbersNotStrings(String platform, String version, Verdict expected) {
    PostureResult result =
        check.evaluate(device(Map.of("os.platform", platform, "os.version", version)), ctx(CONFIG));
    assertThat(result.verdict()).as(result.reason()).isEqualTo(expected);
    assertThat(result.facts()).containsEntry("version", FactValue.of(version));
  }

  @ParameterizedTest
  @CsvSource({
    "debian, 12, 6.1.0-13-amd64, PASS",
    "debian, 11, 6.1.0-13-amd64, FAIL",
    "debian, 12, 5.10.0-26-amd64, FAIL",
    "ubuntu, 22.04, 6.5.0-14-generic, PASS",
    "ubuntu, 20.04, 6.5.0-14-generic, FAIL",
    "arch, rolling, 6.6.7-arch1-1, PASS",
    "arch, rolling, 5.15.0, FAIL",
  })
  void judgesLinuxByKernelAndDistribution(
      String distribution, String version, String kernel, Verdict expected) {
    PostureResult result =
        check.evaluate(
            device(
                Map.of(
                    "os.platform", "linux",
                    "os.distribution", distribution,
                    "os.version", version,
                    "os.kernel", kernel)),
            ctx(CONFIG));
    assertThat(result.verdict()).as(result.reason()).isEqualTo(expected);
    assertThat(result.facts()).containsEntry("kernel", FactValue.of(kernel));
  }

  @Test
  void missingFactsAreUnknownNamingTheFact() {
    assertThat(check.evaluate(device(Map.of()), ctx(CONFIG)))
        .satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN))
        .satisfies(r -> assertThat(r.reason()).contains("os.platform"));
    assertThat(check.evaluate(device(Map.of("os.platform", "windows")), ctx(CONFIG)).reason())
        .contains("os.version");
    PostureResult linux =
        check.evaluate(
            device(Map.of("os.platform", "linux", "os.distribution", "debian")), ctx(CONFIG));
    assertThat(linux.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(linux.reason()).contains("os.kernel");
  }

  @Test
  void unconfiguredPlatformOrBadVersionIsUnknown() {
    PostureResult noMinimum =
        check.evaluate(
            device(Map.of("os.platform", "windows", "os.version", "10.0.22631")), ctx(Map.of()));
    assertThat(noMinimum.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(noMinimum.reason()).contains("min-windows");

    PostureResult garbage =
        check.evaluate(
            device(Map.of("os.platform", "windows", "os.version", "Windows Eleven")), ctx(CONFIG));
    assertThat(garbage.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(garbage.reason()).contains("not a version");

    PostureResult plan9 =
        check.evaluate(device(Map.of("os.platform", "plan9", "os.version", "4")), ctx(CONFIG));
    assertThat(plan9.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(plan9.reason()).contains("plan9");
  }

  @Test
  void wrongTypedFactIsTreatedAsMissing() {
    Map<String, FactValue> facts = new LinkedHashMap<>();
    facts.put("os.platform", FactValue.of("windows"));
    facts.put("os.version", FactValue.of(10));
    PostureResult result = check.evaluate(new Device("d", facts, Optional.empty()), ctx(CONFIG));
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).contains("os.version");
  }

  @Test
  void validityComesFromConfig() {
    Map<String, String> config = new LinkedHashMap<>(CONFIG);
    config.put("valid-for", "PT1M");
    assertThat(
            check
                .evaluate(device(Map.of("os.platform", "android", "os.version", "14")), ctx(config))
                .validFor())
        .isEqualTo(Duration.ofMinutes(1));
    config.put("valid-for", "soon");
    assertThat(
            check
                .evaluate(device(Map.of("os.platform", "android", "os.version", "14")), ctx(config))
                .reason())
        .contains("valid-for");
  }

  @Test
  void versionOrderIsNumeric() {
    assertThat(Version.parse("10.0.19045").orElseThrow())
        .isLessThan(Version.parse("10.0.22631").orElseThrow());
    assertThat(Version.parse("14.2.1").orElseThrow())
        .isLessThan(Version.parse("14.10").orElseThrow());
    assertThat(Version.parse("14").orElseThrow())
        .isEqualByComparingTo(Version.parse("14.0.0").orElseThrow());
    assertThat(Version.parse("v6.1.0-13-amd64").orElseThrow().parts())
        .containsExactly(6L, 1L, 0L, 13L);
    assertThat(Version.parse("rolling")).isEmpty();
  }

  static Device device(Map<String, String> facts) {
    Map<String, FactValue> typed = new LinkedHashMap<>();
    facts.forEach((k, v) -> typed.put(k, FactValue.of(v)));
    return new Device("device-1", typed, Optional.empty());
  }

  static CheckContext ctx(Map<String, String> config) {
    return new CheckContext() {
      @Override
      public Instant deadline() {
        return Instant.now().plusSeconds(5);
      }

      @Override
      public HttpClient httpClient() {
        throw new UnsupportedOperationException("os-version makes no calls");
      }

      @Override
      public Map<String, String> config() {
        return config;
      }

      @Override
      public PluginLog log() {
        return new PluginLog() {
          @Override
          public void debug(String message) {}

          @Override
          public void info(String message) {}

          @Override
          public void warn(String message) {}

          @Override
          public void error(String message, Throwable cause) {}
        };
      }
    };
  }
}
