package io.meshward.agent.paths;

import java.time.Instant;
import java.util.Map;

/**
 * The latest WireGuard handshake per peer, as {@code wg show <interface> latest-handshakes} reports
 * it: public key to the time of the last completed handshake. Peers that never completed one may be
 * missing or map to {@link Instant#EPOCH}.
 */
@FunctionalInterface
public interface HandshakeSource {

  Map<String, Instant> latestHandshakes();
}
