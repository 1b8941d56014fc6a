package io.meshward.agent.dataplane;

import java.util.Optional;
import java.util.Set;

/**
 * A peer as the running interface reports it ({@code wg show}); {@code persistentKeepalive} in
 * seconds, 0 when off.
 */
public record LivePeer(
    String publicKey,
    Set<String> allowedIps,
    Optional<String> endpoint,
    long latestHandshake,
    int persistentKeepalive) {

  public LivePeer {
    allowedIps = Set.copyOf(allowedIps);
  }

  /** A peer with persistent keepalive off. */
  public LivePeer(
      String publicKey, Set<String> allowedIps, Optional<String> endpoint, long latestHandshake) {
    this(publicKey, allowedIps, endpoint, latestHandshake, 0);
  }
}
