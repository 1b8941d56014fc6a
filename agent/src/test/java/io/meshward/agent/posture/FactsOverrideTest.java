package io.meshward.agent.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsOverrideTest {

  @TempDir Path temp;

  @Test
  void replacesAndRemovesFactsAndSeesChanges() throws Exception {
    Path file = temp.resolve("override.json");
    Files.writeString(file, "{\"os.version\": \"10\", \"host.name\": null}");
    FactsOverride override = FactsOverride.load(file);
    Map<String, Object> collected =
        Map.of("os.version", "12", "host.name", "laptop", "net.addresses", List.of("10.0.0.2"));

    assertThat(override.applyTo(collected))
        .containsEntry("os.version", "10")
        .containsEntry("net.addresses", List.of("10.0.0.2"))
        .doesNotContainKey("host.name");

    Files.writeString(file, "{\"disk.volumes\": []}");
    assertThat(override.applyTo(collected))
        .containsEntry("os.version", "12")
        .containsEntry("host.name", "laptop")
        .containsEntry("disk.volumes", List.of());
  }

  @Test
  void aBrokenEditKeepsTheLastGoodOverride() throws Exception {
    Path file = temp.resolve("override.json");
    Files.writeString(file, "{\"os.version\": \"10\"}");
    FactsOverride override = FactsOverride.load(file);

    Files.writeString(file, "{\"os.version\": ");

    assertThat(override.applyTo(Map.of("os.version", "12"))).containsEntry("os.version", "10");
  }

  @Test
  void rejectsAnythingButAJsonObjectAtStart() throws Exception {
    Path file = temp.resolve("override.json");
    Files.writeString(file, "[1, 2]");

    assertThatThrownBy(() -> FactsOverride.load(file))
        .hasMessageContaining("must be a JSON object");
    Files.writeString(file, "{nope");
    assertThatThrownBy(() -> FactsOverride.load(file)).hasMessageContaining("not valid JSON");
  }
}
