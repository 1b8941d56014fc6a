package io.meshward.agent.dataplane;

import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.RemotePeer;
import java.util.ArrayList;
import java.util.List;

/** Turns the coordinator's network map into the inbound rules a {@link PortFilter} enforces. */
public final class InboundRules {

  private InboundRules() {}

  /**
   * One entry per remote peer: what it may send to this device. A peer without inbound rules gets
   * an entry with none, so everything it starts is dropped (deny by default).
   */
  public static List<PeerPortRules> from(NetworkMap map) {
    List<PeerPortRules> result = new ArrayList<>();
    for (RemotePeer peer : map.getPeersList()) {
      List<PortRule> rules = new ArrayList<>();
      for (io.meshward.protocol.v1.PortRule rule : peer.getInboundList()) {
        rules.add(PortRule.of(rule.getProtocol(), rule.getFromPort(), rule.getToPort()));
      }
      result.add(PeerPortRules.of(peer.getMeshAddress(), rules));
    }
    return result;
  }
}
