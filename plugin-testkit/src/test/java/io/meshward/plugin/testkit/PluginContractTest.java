package io.meshward.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test kit accepts good plugins and catches every kind of broken one. */
class PluginContractTest {

  private static final Path PLUGINS = Path.of(System.getProperty("meshward.test.plugins"));

  @Test
  void ourOwnPluginsKeepTheContract() {
    assertThat(
            PluginContract.forArtifact(PLUGINS.resolve("os-version.zip"))
                .withConfig(Map.of("min-windows", "10.0.22631", "min-linux-kernel", "6.1"))
                .run()
                .violations())
        .isEmpty();
    assertThat(PluginContract.forArtifact(PLUGINS.resolve("disk-encryption.zip")).run().satisfied())
        .isTrue();
  }

  @Test
  void theBrokenExampleBreaksEveryRuleItShould() {
    ContractReport report =
        PluginContract.forArtifact(PLUGINS.resolve("broken-example-plugin.zip"))
            .withDeadline(Duration.ofMillis(1500))
            .run();

    assertThat(report.satisfied()).isFalse();
    assertThat(report.violationsOf(ContractRule.LOADS)).isEmpty();
    assertThat(report.violationsOf(ContractRule.NO_EXCEPTION_LEAKS))
        .anySatisfy(v -> assertThat(v.detail()).contains("sample-empty", "NullPointerException"));
    assertThat(report.violationsOf(ContractRule.HONOURS_DEADLINE))
        .anySatisfy(v -> assertThat(v.detail()).contains("sample-macos-14", "deadline"));
    assertThat(report.violationsOf(ContractRule.DECLARED_FACTS))
        .anySatisfy(
            v -> assertThat(v.detail()).contains("'score' is declared NUMBER but is STRING"));
    assertThat(report.violationsOf(ContractRule.DETERMINISTIC))
        .anySatisfy(v -> assertThat(v.detail()).contains("sample-linux-debian"));
    assertThatThrownBy(
            () ->
                PluginContract.forArtifact(PLUGINS.resolve("broken-example-plugin.zip"))
                    .withDeadline(Duration.ofMillis(1500))
                    .assertSatisfied())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("breaks the posture-plugin contract");
  }

  @Test
  void aHangingPluginBreaksTheDeadlineRule() {
    ContractReport report =
        PluginContract.forArtifact(PLUGINS.resolve("hanging-plugin.zip"))
            .withDeadline(Duration.ofMillis(200))
            .run();
    assertThat(report.violationsOf(ContractRule.HONOURS_DEADLINE))
        .hasSize(SampleDevices.all().size());
  }

  @Test
  void aMissingArtifactSaysToBuildIt() {
    ContractReport report = PluginContract.forArtifact(PLUGINS.resolve("nope.zip")).run();
    assertThat(report.violationsOf(ContractRule.LOADS))
        .singleElement()
        .satisfies(v -> assertThat(v.detail()).contains("mvn package"));
  }
}
