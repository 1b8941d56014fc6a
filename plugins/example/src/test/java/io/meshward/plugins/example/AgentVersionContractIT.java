package io.meshward.plugins.example;

import io.meshward.plugin.testkit.PluginContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The built plugin zip keeps the posture-plugin contract, loaded the way the coordinator does. */
class AgentVersionContractIT {

  private static final Path ARTIFACT = Path.of(System.getProperty("plugin.artifact"));

  @TestFactory
  Stream<DynamicTest> keepsThePluginContract() {
    return PluginContract.forArtifact(ARTIFACT)
        .withConfig(Map.of("minimum", "0.1.0"))
        .dynamicTests();
  }

  @TestFactory
  Stream<DynamicTest> keepsItWithoutConfigurationToo() {
    return PluginContract.forArtifact(ARTIFACT).dynamicTests();
  }
}
