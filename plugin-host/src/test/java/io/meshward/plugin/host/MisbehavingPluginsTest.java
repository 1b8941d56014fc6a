package io.meshward.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throwing, crashing, hanging and malformed plugins end in UNKNOWN; the others keep working. */
class MisbehavingPluginsTest {

  @TempDir static Path root;
  static PostureHost host;
  static Device windows;

  @BeforeAll
  static void start() throws Exception {
    Path dir =
        TestPlugins.pluginDir(
            root,
            "os-version.zip",
            "throwing-plugin.zip",
            "crashing-plugin.zip",
            "hanging-plugin.zip",
            "malformed-plugin.zip");
    HostSettings settings =
        new HostSettings(
            dir,
            root.resolve("work"),
            false,
            java.util.List.of(),
            Duration.ofMillis(1500),
            2,
            Duration.ofHours(1),
            Duration.ofSeconds(30),
            Map.of("os-version", Map.of("min-windows", "10.0.22631")));
    host = PostureHost.start(settings, (d, p, before, now) -> {});
    windows =
        TestPlugins.device(
            "pc-1", null, Map.of("os.platform", "windows", "os.version", "10.0.26100"));
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  @Test
  void allLoad() {
    assertThat(host.plugins()).allSatisfy(p -> assertThat(p.state()).isEqualTo(LoadState.STARTED));
  }

  @Test
  void eachMisbehaviourIsUnknownWithItsReasonWhileTheGoodPluginPasses() {
    Map<String, Evaluation> results = host.runner().evaluateAll(host.checks(), windows);

    assertThat(results.get("os-version").verdict()).isEqualTo(Verdict.PASS);
    assertUnknown(
        results.get("throwing"),
        Evaluation.Outcome.THREW,
        "IllegalStateException: vendor service answered 500");
    assertUnknown(
        results.get("crashing"), Evaluation.Outcome.CRASHED, "crashed: StackOverflowError");
    assertUnknown(
        results.get("hanging"),
        Evaluation.Outcome.TIMED_OUT,
        "did not answer within its deadline of 1500 ms");
    assertUnknown(
        results.get("malformed"),
        Evaluation.Outcome.MALFORMED,
        "fact 'score' is declared NUMBER but is STRING");
    assertThat(results.get("malformed").result().reason())
        .contains("fact 'secret-extra' is not declared");
    assertThat(results.get("malformed").result().facts()).isEmpty();
  }

  @Test
  void aHangingPluginUsesUpOnlyItsOwnShareAndTheOthersKeepAnswering() {
    for (int round = 0; round < 3; round++) {
      Map<String, Evaluation> results = host.runner().evaluateAll(host.checks(), windows);
      assertThat(results.get("os-version").verdict()).isEqualTo(Verdict.PASS);
      assertThat(results.get("hanging").verdict()).isEqualTo(Verdict.UNKNOWN);
    }
    // Its two permits are held by evaluations that ignore interrupts: it is no longer even started.
    Evaluation busy =
        host.runner()
            .evaluate(
                host.checks().stream()
                    .filter(c -> c.pluginId().equals("hanging"))
                    .findFirst()
                    .orElseThrow(),
                windows);
    assertUnknown(busy, Evaluation.Outcome.BUSY, "still running past their deadline");
    assertThat(host.tracker().observe(windows).get("os-version").verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void thePolicyInputCarriesTheUnknownsWithTheirReasons() {
    host.tracker().observe(windows);
    Map<String, Object> input = host.tracker().policyInput("pc-1");
    assertThat(input.get("throwing").toString())
        .contains("verdict=unknown", "vendor service answered 500");
    assertThat(input.get("os-version").toString()).contains("verdict=pass");
  }

  private static void assertUnknown(
      Evaluation evaluation, Evaluation.Outcome outcome, String reason) {
    assertThat(evaluation.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(evaluation.outcome()).isEqualTo(outcome);
    assertThat(evaluation.result().reason()).contains(reason);
  }
}
