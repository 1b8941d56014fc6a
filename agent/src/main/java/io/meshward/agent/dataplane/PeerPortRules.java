package io.meshward.agent.dataplane;

import java.util.List;

/** What one remote peer, known by its mesh address, may send to this device. */
public record PeerPortRules(Cidr meshAddress, List<PortRule> inbound) {

  public PeerPortRules {
    if (meshAddress == null) {
      throw new IllegalArgumentException("a peer's rules need its mesh address");
    }
    inbound = List.copyOf(inbound);
  }

  public static PeerPortRules of(String meshAddress, List<PortRule> inbound) {
    return new PeerPortRules(Cidr.parse(meshAddress), inbound);
  }
}
