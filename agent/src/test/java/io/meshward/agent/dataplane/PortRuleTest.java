package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRuleTest {

  @Test
  void parsesTheCoordinatorsProtocolNames() {
    assertThat(PortRule.of("TCP", 80, 81)).isEqualTo(new PortRule(PortRule.Protocol.TCP, 80, 81));
    assertThat(PortRule.of("icmp", 0, 0)).isEqualTo(PortRule.icmp());
    assertThat(PortRule.of("any", 0, 0)).isEqualTo(PortRule.any());
  }

  @Test
  void refusesWhatCannotBeEnforced() {
    assertThatThrownBy(() -> PortRule.of("sctp", 1, 2)).hasMessageContaining("tcp, udp, icmp, any");
    assertThatThrownBy(() -> PortRule.of("tcp", 90, 80)).hasMessageContaining("90-80");
    assertThatThrownBy(() -> PortRule.of("udp", 1, 70000)).hasMessageContaining("0-65535");
    assertThatThrownBy(() -> PortRule.of("icmp", 8, 8))
        .hasMessageContaining("icmp rules carry no ports");
  }
}
