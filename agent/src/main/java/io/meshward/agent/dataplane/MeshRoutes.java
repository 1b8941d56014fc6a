package io.meshward.agent.dataplane;

import io.meshward.agent.wireguard.WireGuardPeer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The routes an interface needs besides the one its own address brings: every peer prefix outside
 * the interface's subnet. Default routes (/0) are never taken over; the mesh is not a VPN exit.
 */
final class MeshRoutes {

  private MeshRoutes() {}

  static Set<Cidr> needed(String interfaceAddress, Collection<WireGuardPeer> peers) {
    Cidr subnet = Cidr.parse(interfaceAddress);
    Set<Cidr> routes = new LinkedHashSet<>();
    for (WireGuardPeer peer : peers) {
      for (String prefix : PeerChanges.normalisedAllowedIps(peer)) {
        Cidr cidr = Cidr.parse(prefix);
        if (cidr.prefixLength() > 0 && !subnet.contains(cidr)) {
          routes.add(cidr);
        }
      }
    }
    return routes;
  }
}
