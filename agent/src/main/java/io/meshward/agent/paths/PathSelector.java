package io.meshward.agent.paths;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses, per peer, the endpoint WireGuard uses: the seam between "which peers" (the network map)
 * and "how to reach them". {@link DirectThenRelay} is today's strategy; ICE can replace it without
 * the rest of the agent noticing. Implementations are driven from outside (no threads of their
 * own): {@link #update} on every peer list, {@link #refresh} periodically.
 */
public interface PathSelector {

  /** The peers to reach now; replaces the previous list. Peers not listed are forgotten. */
  void update(Collection<PathCandidate> peers);

  /** Re-evaluates every peer; returns true when some endpoint changed and must be applied. */
  boolean refresh();

  /**
   * A packet from {@code peerId} arrived through the relay: the peer chose that way, so answering
   * over it is the path that works. Returns true when an endpoint changed.
   */
  boolean reachedViaRelay(String peerId);

  /** The endpoint to configure for {@code peerId}; empty for none (or an unknown peer). */
  Optional<String> endpoint(String peerId);

  /** The current choice for every peer, by peer id (for status and logs). */
  Map<String, PeerPath> paths();
}
