package io.meshward.agent.paths;

import java.time.Instant;
import java.util.Optional;

/**
 * The path chosen for one peer: how, the endpoint WireGuard gets for it (empty: none, WireGuard
 * keeps whatever it learnt by roaming), and since when.
 */
public record PeerPath(Route route, Optional<String> endpoint, Instant since) {

  /** How a peer is reached. */
  public enum Route {
    /** Direct endpoint configured, waiting for a handshake to confirm it. */
    TRYING_DIRECT,
    /** A handshake completed over the direct endpoint. */
    DIRECT,
    /** Through the relay's local proxy. */
    RELAY,
    /** No direct endpoint and no relay available: nothing to configure yet. */
    NONE;

    /** For people: "trying direct", "direct", "relay", "none". */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }
}
