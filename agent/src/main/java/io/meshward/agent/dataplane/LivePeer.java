package io.meshward.agent.dataplane;

import java.util.Optional;
import java.util.Set;

/** A peer as the running interface reports it ({@code wg show}). */
public record LivePeer(
    String publicKey, Set<String> allowedIps, Optional<String> endpoint, long latestHandshake) {

  public LivePeer {
    allowedIps = Set.copyOf(allowedIps);
  }
}
