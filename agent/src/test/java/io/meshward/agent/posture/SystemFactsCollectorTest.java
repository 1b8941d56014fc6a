package io.meshward.agent.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Collects this machine's real facts: the keys and shapes the posture plugins rely on. */
class SystemFactsCollectorTest {

  @Test
  @EnabledOnOs(OS.LINUX)
  void collectsTheDocumentedFactsOnLinux() {
    Map<String, Object> facts = new SystemFactsCollector().collect();

    assertThat(facts.get(FactNames.OS_PLATFORM)).isEqualTo("linux");
    assertThat(facts.get(FactNames.OS_KERNEL)).isEqualTo(System.getProperty("os.version"));
    assertThat(facts.get(FactNames.OS_VERSION)).asString().isNotBlank();
    assertThat(facts.get(FactNames.HOST_NAME)).asString().isNotBlank();
    assertThat(facts.get(FactNames.AGENT_VERSION)).isNotNull();
    assertThat(facts.get(FactNames.NET_ADDRESSES)).isInstanceOf(java.util.List.class);
    assertThat(facts.get(FactNames.DISK_VOLUMES)).isInstanceOf(java.util.List.class);
    assertThat(new SystemFactsCollector().collect()).isEqualTo(facts);
  }
}
