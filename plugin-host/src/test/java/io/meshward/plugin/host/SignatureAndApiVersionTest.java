package io.meshward.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators can require signed plugins; plugins built for another API major are refused. */
class SignatureAndApiVersionTest {

  @TempDir Path root;

  @Test
  void onlyArtifactsSignedByATrustedKeyLoadWhenSignaturesAreRequired() throws Exception {
    Path dir =
        TestPlugins.pluginDir(
            root,
            "os-version.zip",
            "disk-encryption.zip",
            "geolocation.zip",
            "throwing-plugin.zip");
    Path vendorKeys = root.resolve("vendor");
    Path strangerKeys = root.resolve("stranger");
    assertThat(sign("keygen", "--out", vendorKeys.toString())).isZero();
    assertThat(sign("keygen", "--out", strangerKeys.toString())).isZero();
    String vendorKey = vendorKeys.resolve("private.pem").toString();
    assertThat(sign("sign", "--key", vendorKey, dir.resolve("os-version.zip").toString())).isZero();
    assertThat(
            sign(
                "sign",
                "--key",
                strangerKeys.resolve("private.pem").toString(),
                dir.resolve("geolocation.zip").toString()))
        .isZero();
    assertThat(sign("sign", "--key", vendorKey, dir.resolve("throwing-plugin.zip").toString()))
        .isZero();
    // Tampered with after signing.
    Files.write(dir.resolve("throwing-plugin.zip"), new byte[] {0}, StandardOpenOption.APPEND);

    HostSettings settings =
        TestPlugins.settings(root, dir)
            .requiringSignatures(List.of(Ed25519Keys.readPublic(vendorKeys.resolve("public.pem"))));
    try (PostureHost host = PostureHost.start(settings, (d, p, b, n) -> {})) {
      assertThat(stateOf(host, "os-version.zip")).isEqualTo(LoadState.STARTED);
      assertThat(info(host, "disk-encryption.zip").state()).isEqualTo(LoadState.REFUSED);
      assertThat(info(host, "disk-encryption.zip").lastError())
          .hasValueSatisfying(e -> assertThat(e).contains("unsigned", "disk-encryption.zip.sig"));
      assertThat(info(host, "geolocation.zip").lastError())
          .hasValueSatisfying(e -> assertThat(e).contains("does not verify"));
      assertThat(info(host, "throwing-plugin.zip").state()).isEqualTo(LoadState.REFUSED);
      assertThat(host.checks()).extracting(HostedCheck::pluginId).containsExactly("os-version");
      assertThat(host.tracker().policyInput("any").get("disk-encryption").toString())
          .contains("unknown", "REFUSED");
    }
  }

  @Test
  void requiringSignaturesWithoutTrustedKeysRefusesEverything() throws Exception {
    Path dir = TestPlugins.pluginDir(root, "os-version.zip");
    try (PostureHost host =
        PostureHost.start(
            TestPlugins.settings(root, dir).requiringSignatures(List.of()), (d, p, b, n) -> {})) {
      assertThat(host.plugins().getFirst().state()).isEqualTo(LoadState.REFUSED);
      assertThat(host.plugins().getFirst().lastError())
          .hasValueSatisfying(e -> assertThat(e).contains("no trusted public key"));
    }
  }

  @Test
  void aPluginBuiltForAnotherApiMajorIsRefusedNamingBothVersions() throws Exception {
    Path dir = TestPlugins.pluginDir(root, "future-api-plugin.zip", "os-version.zip");
    try (PostureHost host =
        PostureHost.start(TestPlugins.settings(root, dir), (d, p, b, n) -> {})) {
      PluginInfo future = info(host, "future-api-plugin.zip");
      assertThat(future.id()).isEqualTo("future-api");
      assertThat(future.state()).isEqualTo(LoadState.REFUSED);
      assertThat(future.apiVersion()).isEqualTo("2.0");
      assertThat(future.lastError())
          .hasValueSatisfying(
              e -> assertThat(e).contains("built for plugin API 2.0", "provides plugin API 1.0"));
      assertThat(stateOf(host, "os-version.zip")).isEqualTo(LoadState.STARTED);
      assertThat(host.tracker().policyInput("d").get("future-api").toString())
          .contains("unknown", "REFUSED", "2.0");
    }
  }

  @Test
  void aFileThatIsNoPluginFailsWithoutStoppingTheOthers() throws Exception {
    Path dir = TestPlugins.pluginDir(root, "os-version.zip");
    Files.writeString(dir.resolve("notes.zip"), "not a zip");
    try (PostureHost host =
        PostureHost.start(TestPlugins.settings(root, dir), (d, p, b, n) -> {})) {
      assertThat(info(host, "notes.zip").state()).isEqualTo(LoadState.FAILED);
      assertThat(stateOf(host, "os-version.zip")).isEqualTo(LoadState.STARTED);
    }
  }

  @Test
  void signerExplainsItsUsage() {
    assertThat(sign("sign")).isEqualTo(2);
    assertThat(sign("sign", "--key", root.resolve("missing.pem").toString(), "x.zip")).isEqualTo(1);
  }

  private static int sign(String... args) {
    var out = new ByteArrayOutputStream();
    return PluginSigner.run(args, new PrintStream(out), new PrintStream(out));
  }

  private static PluginInfo info(PostureHost host, String artifact) {
    return host.plugins().stream()
        .filter(p -> p.artifact().equals(artifact))
        .findFirst()
        .orElseThrow();
  }

  private static LoadState stateOf(PostureHost host, String artifact) {
    return info(host, artifact).state();
  }
}
