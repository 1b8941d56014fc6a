package io.meshward.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two plugins bundling two versions of commons-codec each get their own. */
class ClassLoaderIsolationTest {

  @TempDir Path root;

  @Test
  void eachPluginSeesTheLibraryVersionItBundles() throws Exception {
    Path dir = TestPlugins.pluginDir(root, "codec-old-plugin.zip", "codec-new-plugin.zip");
    try (PostureHost host =
        PostureHost.start(TestPlugins.settings(root, dir), (d, p, b, n) -> {})) {
      assertThat(host.plugins())
          .allSatisfy(p -> assertThat(p.state()).isEqualTo(LoadState.STARTED));
      Map<String, Evaluation> results =
          host.runner().evaluateAll(host.checks(), TestPlugins.device("d-1", null, Map.of()));

      assertThat(results.get("codec-old").verdict()).isEqualTo(Verdict.PASS);
      assertThat(results.get("codec-new").verdict()).isEqualTo(Verdict.PASS);
      assertThat(results.get("codec-old").result().facts().get("library"))
          .isEqualTo(FactValue.of("commons-codec-1.15.jar"));
      assertThat(results.get("codec-new").result().facts().get("library"))
          .isEqualTo(FactValue.of("commons-codec-1.17.1.jar"));
      assertThat(results.get("codec-old").result().facts().get("digest"))
          .isEqualTo(results.get("codec-new").result().facts().get("digest"));

      ClassLoader oldLoader =
          host.checks().stream()
              .filter(c -> c.pluginId().equals("codec-old"))
              .findFirst()
              .orElseThrow()
              .classLoader();
      ClassLoader newLoader =
          host.checks().stream()
              .filter(c -> c.pluginId().equals("codec-new"))
              .findFirst()
              .orElseThrow()
              .classLoader();
      Class<?> oldCodec = oldLoader.loadClass("org.apache.commons.codec.digest.DigestUtils");
      Class<?> newCodec = newLoader.loadClass("org.apache.commons.codec.digest.DigestUtils");
      assertThat(oldCodec).isNotSameAs(newCodec);
      // The plugin API is the host's own, whatever a plugin bundles.
      assertThat(oldLoader.loadClass("io.meshward.plugin.api.PostureCheck"))
          .isSameAs(io.meshward.plugin.api.PostureCheck.class);
    }
  }
}
