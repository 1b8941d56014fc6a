package io.meshward.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin shipped as a plain jar, its descriptor in the manifest, loads like a zip. */
class JarArtifactTest {

  @TempDir Path root;

  @Test
  void loadsAJarPluginDescribedByItsManifest() throws Exception {
    Path dir = Files.createDirectories(root.resolve("plugins"));
    Path jar = dir.resolve("os-version.jar");
    repackAsJar(TestPlugins.BUILT.resolve("os-version.zip"), jar, "1.3");

    HostSettings settings =
        TestPlugins.settings(root, dir)
            .withPluginConfig(Map.of("os-version", Map.of("min-windows", "10.0.22631")));
    try (PostureHost host = PostureHost.start(settings, (d, p, b, n) -> {})) {
      PluginInfo info = host.plugins().getFirst();
      assertThat(info.state()).as(info.lastError().orElse("")).isEqualTo(LoadState.STARTED);
      assertThat(info.id()).isEqualTo("os-version");
      assertThat(info.apiVersion()).isEqualTo("1.3");
      var device =
          TestPlugins.device(
              "pc", null, Map.of("os.platform", "windows", "os.version", "10.0.22631"));
      assertThat(host.tracker().observe(device).get("os-version").verdict())
          .isEqualTo(Verdict.PASS);
    }
  }

  /** The zip's classes/ at the jar's root, and its plugin.properties as manifest attributes. */
  private static void repackAsJar(Path zip, Path jar, String apiVersion) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", "os-version");
    main.putValue("Plugin-Version", "0.1.0-SNAPSHOT");
    main.putValue("Plugin-Class", "io.meshward.plugins.osversion.OsVersionPlugin");
    main.putValue("Meshward-Plugin-Api", apiVersion);
    try (ZipFile in = new ZipFile(zip.toFile());
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (ZipEntry entry : Collections.list(in.entries())) {
        if (!entry.getName().startsWith("classes/") || entry.isDirectory()) {
          continue;
        }
        out.putNextEntry(new JarEntry(entry.getName().substring("classes/".length())));
        in.getInputStream(entry).transferTo(out);
        out.closeEntry();
      }
    }
  }
}
