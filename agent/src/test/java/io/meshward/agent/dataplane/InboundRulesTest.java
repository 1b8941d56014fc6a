package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PortRule;
import io.meshward.protocol.v1.RemotePeer;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundRulesTest {

  @Test
  void everyPeerGetsItsInboundRulesAndAPeerWithoutRulesGetsNone() {
    NetworkMap map =
        NetworkMap.newBuilder()
            .addPeers(
                RemotePeer.newBuilder()
                    .setMeshAddress("100.64.0.2/32")
                    .addInbound(
                        PortRule.newBuilder().setProtocol("tcp").setFromPort(22).setToPort(22))
                    .addOutbound(
                        PortRule.newBuilder().setProtocol("udp").setFromPort(53).setToPort(53)))
            .addPeers(RemotePeer.newBuilder().setMeshAddress("100.64.0.3/32"))
            .build();

    assertThat(InboundRules.from(map))
        .containsExactly(
            PeerPortRules.of(
                "100.64.0.2/32", List.of(io.meshward.agent.dataplane.PortRule.tcp(22))),
            PeerPortRules.of("100.64.0.3/32", List.of()));
  }
}
