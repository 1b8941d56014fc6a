package io.meshward.plugin.host;

import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactValue;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The plugin artifacts the build produced, copied into a test's own plugin directory. */
final class TestPlugins {

  static final Path BUILT = Path.of(System.getProperty("meshward.test.plugins"));

  private TestPlugins() {}

  /** Copies the named artifacts (e.g. {@code os-version.zip}) into {@code root/plugins}. */
  static Path pluginDir(Path root, String... artifacts) throws IOException {
    Path dir = Files.createDirectories(root.resolve("plugins"));
    for (String artifact : artifacts) {
      Path built = BUILT.resolve(artifact);
      if (!Files.isRegularFile(built)) {
        throw new IllegalStateException(
            built + " is missing: the build should have copied it (maven-dependency-plugin)");
      }
      Files.copy(built, dir.resolve(artifact));
    }
    return dir;
  }

  /**
   * Default settings with a generous deadline: these tests expect plugins to answer, and the
   * machine may be busy.
   */
  static HostSettings settings(Path root, Path pluginDir) {
    return HostSettings.defaults(pluginDir, root.resolve("work"))
        .withEvaluationTimeout(java.time.Duration.ofSeconds(10));
  }

  static Device device(String id, String address, Map<String, Object> facts) throws IOException {
    Map<String, FactValue> typed = new LinkedHashMap<>();
    facts.forEach((k, v) -> typed.put(k, FactValue.fromPlain(v)));
    return new Device(
        id,
        typed,
        address == null ? Optional.empty() : Optional.of(InetAddress.getByName(address)));
  }
}
