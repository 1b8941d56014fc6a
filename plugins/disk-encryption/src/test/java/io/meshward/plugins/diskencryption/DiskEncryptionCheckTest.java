package io.meshward.plugins.diskencryption;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PluginLog;
import io.meshward.plugin.api.PostureResult;
import io.meshward.plugin.api.Verdict;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiskEncryptionCheckTest {

  private final DiskEncryptionCheck check = new DiskEncryptionCheck();

  static Map<String, Object> volume(
      String mount, boolean system, boolean encrypted, String method) {
    return Map.of(
        "mount",
        mount,
        "device",
        "/dev/x",
        "system",
        system,
        "encrypted",
        encrypted,
        "method",
        method);
  }

  @Test
  void passesWhenAllSystemVolumesAreEncrypted() {
    PostureResult result =
        check.evaluate(
            device(
                List.of(
                    volume("/", true, true, "luks2"),
                    volume("/boot", true, true, "dm-crypt"),
                    volume("/mnt/usb", false, false, "none"))),
            ctx(Map.of()));
    assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PASS);
    assertThat(result.facts().get("checked").toPlain()).isEqualTo(List.of("/", "/boot"));
    assertThat(result.facts().get("all-encrypted")).isEqualTo(FactValue.of(true));
  }

  @Test
  void failsNamingTheUnencryptedSystemVolume() {
    PostureResult result =
        check.evaluate(
            device(
                List.of(volume("C:", true, false, "none"), volume("D:", true, true, "bitlocker"))),
            ctx(Map.of()));
    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.reason()).contains("C: is not encrypted");
    assertThat(result.facts().get("unencrypted").toPlain()).isEqualTo(List.of("C:"));
  }

  @Test
  void judgesOnlyConfiguredMountsAndAcceptedMethods() {
    Device device =
        device(List.of(volume("/", true, true, "luks1"), volume("/home", false, true, "luks2")));
    assertThat(check.evaluate(device, ctx(Map.of("required-mounts", "/home"))).verdict())
        .isEqualTo(Verdict.PASS);
    PostureResult luks1Refused =
        check.evaluate(device, ctx(Map.of("accepted-methods", "luks2, filevault")));
    assertThat(luks1Refused.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(luks1Refused.reason()).contains("/ uses luks1");
    PostureResult missingMount = check.evaluate(device, ctx(Map.of("required-mounts", "/, /srv")));
    assertThat(missingMount.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(missingMount.reason()).contains("/srv");
  }

  @Test
  void encryptedFlagWithoutAMethodDoesNotCount() {
    PostureResult result =
        check.evaluate(device(List.of(volume("/", true, true, "none"))), ctx(Map.of()));
    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void missingOrMalformedVolumesAreUnknown() {
    PostureResult missing =
        check.evaluate(new Device("d", Map.of(), Optional.empty()), ctx(Map.of()));
    assertThat(missing.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(missing.reason()).contains("disk.volumes");

    PostureResult notAList =
        check.evaluate(
            new Device("d", Map.of("disk.volumes", FactValue.of("/")), Optional.empty()),
            ctx(Map.of()));
    assertThat(notAList.reason()).contains("not a list");

    PostureResult noFlags = check.evaluate(device(List.of(Map.of("mount", "/"))), ctx(Map.of()));
    assertThat(noFlags.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(noFlags.reason()).contains("encrypted");

    PostureResult noSystem =
        check.evaluate(device(List.of(volume("/data", false, true, "luks2"))), ctx(Map.of()));
    assertThat(noSystem.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(noSystem.reason()).contains("no system volume");
  }

  static Device device(List<Map<String, Object>> volumes) {
    return new Device(
        "device-1",
        Map.of("os.platform", FactValue.of("linux"), "disk.volumes", FactValue.fromPlain(volumes)),
        Optional.empty());
  }

  static CheckContext ctx(Map<String, String> config) {
    return new CheckContext() {
      @Override
      public Instant deadline() {
        return Instant.now().plusSeconds(5);
      }

      @Override
      public HttpClient httpClient() {
        throw new UnsupportedOperationException("disk-encryption makes no calls");
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
