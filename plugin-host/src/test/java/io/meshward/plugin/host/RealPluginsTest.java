package io.meshward.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.Verdict;
import io.meshward.plugins.geolocation.MaxMindDbWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our three plugins, as built, loaded from a directory and judging real device reports. */
class RealPluginsTest {

  @TempDir static Path root;
  static PostureHost host;

  @BeforeAll
  static void start() throws Exception {
    Path database = root.resolve("city.mmdb");
    MaxMindDbWriter.writeTestDatabase(database);
    Path dir =
        TestPlugins.pluginDir(root, "os-version.zip", "disk-encryption.zip", "geolocation.zip");
    host =
        PostureHost.start(
            TestPlugins.settings(root, dir)
                .withPluginConfig(
                    Map.of(
                        "os-version",
                        Map.of(
                            "min-windows", "10.0.22631",
                            "min-macos", "14.10",
                            "min-linux-kernel", "6.1",
                            "min-linux-debian", "12"),
                        "disk-encryption",
                        Map.of(),
                        "geolocation",
                        Map.of(
                            "database",
                            database.toString(),
                            "allow-countries",
                            "DE,FR",
                            "deny-regions",
                            "DE-BE"))),
            (d, p, before, now) -> {});
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  @Test
  void allThreeStartWithTheirIdsVersionsAndApiVersion() {
    assertThat(host.plugins())
        .extracting(PluginInfo::id, PluginInfo::state, PluginInfo::apiVersion, PluginInfo::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "disk-encryption", LoadState.STARTED, "1.0", "0.1.0-SNAPSHOT"),
            org.assertj.core.groups.Tuple.tuple(
                "geolocation", LoadState.STARTED, "1.0", "0.1.0-SNAPSHOT"),
            org.assertj.core.groups.Tuple.tuple(
                "os-version", LoadState.STARTED, "1.0", "0.1.0-SNAPSHOT"));
  }

  @Test
  void aCompliantLinuxLaptopInGermanyPassesEverything() throws Exception {
    var device =
        TestPlugins.device(
            "laptop-1",
            "198.51.100.7",
            Map.of(
                "os.platform", "linux",
                "os.version", "12",
                "os.kernel", "6.1.0-13-amd64",
                "os.distribution", "debian",
                "disk.volumes",
                    List.of(
                        Map.of(
                            "mount",
                            "/",
                            "device",
                            "/dev/mapper/root",
                            "system",
                            true,
                            "encrypted",
                            true,
                            "method",
                            "luks2"))));
    Map<String, Evaluation> posture = host.tracker().observe(device);
    assertThat(posture.values())
        .allSatisfy(e -> assertThat(e.verdict()).as(e.result().reason()).isEqualTo(Verdict.PASS));

    Map<String, Object> input = host.tracker().policyInput("laptop-1");
    assertThat(input).containsOnlyKeys("os-version", "disk-encryption", "geolocation");
    @SuppressWarnings("unchecked")
    Map<String, Object> geo = (Map<String, Object>) input.get("geolocation");
    assertThat(geo).containsEntry("verdict", "pass");
    assertThat(geo.get("facts")).isEqualTo(Map.of("country", "DE", "regions", List.of("DE-BY")));
    @SuppressWarnings("unchecked")
    Map<String, Object> disk = (Map<String, Object>) input.get("disk-encryption");
    assertThat(disk.get("facts"))
        .isEqualTo(
            Map.of("checked", List.of("/"), "unencrypted", List.of(), "all-encrypted", true));
  }

  @Test
  void anOldUnencryptedWindowsPcAbroadFailsEachCheckForItsOwnReason() throws Exception {
    var device =
        TestPlugins.device(
            "pc-2",
            "203.0.113.5",
            Map.of(
                "os.platform", "windows",
                "os.version", "10.0.19045",
                "disk.volumes",
                    List.of(
                        Map.of(
                            "mount",
                            "C:",
                            "device",
                            "disk0",
                            "system",
                            true,
                            "encrypted",
                            false,
                            "method",
                            "none"))));
    Map<String, Evaluation> posture = host.tracker().observe(device);
    assertThat(posture.get("os-version").result().reason())
        .contains("10.0.19045 is older than the required minimum 10.0.22631");
    assertThat(posture.get("disk-encryption").result().reason()).contains("C: is not encrypted");
    assertThat(posture.get("geolocation").result().reason()).contains("US", "not allowed");
    assertThat(posture.values()).allSatisfy(e -> assertThat(e.verdict()).isEqualTo(Verdict.FAIL));
  }

  @Test
  void edgeCasesAreUnknownWithAReason() throws Exception {
    var macFromHome =
        TestPlugins.device(
            "mac-3", "192.168.1.20", Map.of("os.platform", "macos", "os.version", "14.2.1"));
    Map<String, Evaluation> posture = host.tracker().observe(macFromHome);
    assertThat(posture.get("os-version").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(posture.get("disk-encryption").verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(posture.get("disk-encryption").result().reason()).contains("disk.volumes");
    assertThat(posture.get("geolocation").verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(posture.get("geolocation").result().reason()).contains("private");

    var berlin = TestPlugins.device("mac-4", "2001:db8:1::9", Map.of());
    assertThat(host.tracker().observe(berlin).get("geolocation").verdict()).isEqualTo(Verdict.PASS);
    assertThat(host.tracker().policyInput("never-seen"))
        .allSatisfy(
            (id, entry) ->
                assertThat(entry.toString()).contains("unknown", "has not reported posture"));
  }
}
