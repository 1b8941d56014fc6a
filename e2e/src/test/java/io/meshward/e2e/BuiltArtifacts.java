package io.meshward.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build left the pieces under test; the failsafe configuration passes these paths. */
record BuiltArtifacts(Path coordinatorJar, Path agentJar, Path pluginDir, Path logDir) {

  static BuiltArtifacts fromSystemProperties() {
    return new BuiltArtifacts(
        required(
            "meshward.e2e.coordinator-jar",
            "./mvnw -q -pl platform/coordinator -am package -DskipTests"),
        required("meshward.e2e.agent-jar", "./mvnw -q -pl agent -am package -DskipTests"),
        required("meshward.e2e.plugin-dir", "./mvnw -q -pl e2e verify (it copies the plugins)"),
        Path.of(System.getProperty("meshward.e2e.log-dir", "target/e2e-logs")));
  }

  private static Path required(String property, String howToBuild) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + property
              + " is not set; run these tests with ./mvnw -pl e2e verify");
    }
    Path path = Path.of(value);
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          path + " (" + property + ") does not exist; build it first: " + howToBuild);
    }
    return path;
  }

  /** The JVM running the tests also runs the processes under test. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
