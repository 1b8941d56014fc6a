package io.meshward.agent.paths;

import java.util.Objects;
import java.util.Optional;

/**
 * A peer the device should reach: its id (as the relay knows it), its WireGuard public key (as
 * {@code wg show} knows it) and the direct endpoint to try first, if it advertised one.
 */
public record PathCandidate(String peerId, String publicKey, Optional<String> directEndpoint) {

  public PathCandidate {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(directEndpoint, "directEndpoint");
  }
}
