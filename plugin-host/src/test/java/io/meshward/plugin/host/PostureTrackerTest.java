package io.meshward.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results are cached until they expire, then evaluated again; verdict changes are announced. */
class PostureTrackerTest {

  @TempDir Path root;

  record Change(String device, String plugin, Optional<Verdict> before, Verdict now) {}

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void cachesUntilExpiryAndAnnouncesEveryVerdictChange() throws Exception {
    Path dir = TestPlugins.pluginDir(root, "os-version.zip");
    ManualClock clock = new ManualClock();
    List<Change> changes = new ArrayList<>();
    HostSettings settings =
        TestPlugins.settings(root, dir)
            .withPluginConfig(
                Map.of("os-version", Map.of("min-android", "14", "valid-for", "PT1M")));
    try (PostureHost host =
        PostureHost.start(
            settings,
            (device, plugin, before, now) ->
                changes.add(new Change(device, plugin, before, now.verdict())),
            clock)) {
      var old =
          TestPlugins.device("phone", null, Map.of("os.platform", "android", "os.version", "13"));
      var updated =
          TestPlugins.device("phone", null, Map.of("os.platform", "android", "os.version", "14"));

      Evaluation first = host.tracker().observe(old).get("os-version");
      assertThat(first.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(first.expiresAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(1)));
      assertThat(changes)
          .containsExactly(new Change("phone", "os-version", Optional.empty(), Verdict.FAIL));

      clock.now = clock.now.plusSeconds(30);
      assertThat(host.tracker().observe(old).get("os-version")).isSameAs(first);
      assertThat(host.tracker().posture("phone").get("os-version")).isSameAs(first);

      clock.now = clock.now.plusSeconds(31);
      host.tracker().refreshExpired();
      Evaluation refreshed = host.tracker().posture("phone").get("os-version");
      assertThat(refreshed).isNotSameAs(first);
      assertThat(refreshed.evaluatedAt()).isEqualTo(clock.now);
      assertThat(changes).hasSize(1);

      assertThat(host.tracker().observe(updated).get("os-version").verdict())
          .isEqualTo(Verdict.PASS);
      assertThat(changes)
          .last()
          .isEqualTo(new Change("phone", "os-version", Optional.of(Verdict.FAIL), Verdict.PASS));
      assertThat(host.tracker().policyInput("phone").get("os-version").toString())
          .contains("verdict=pass", "version=14");

      host.tracker().forget("phone");
      assertThat(host.tracker().posture("phone")).isEmpty();
    }
  }
}
