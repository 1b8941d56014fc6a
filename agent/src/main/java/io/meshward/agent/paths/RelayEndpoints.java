package io.meshward.agent.paths;

import java.util.Optional;

/**
 * Where WireGuard can reach a peer through the relay ({@code 127.0.0.1:port} of its local proxy),
 * or empty when no relay can carry that peer right now.
 */
@FunctionalInterface
public interface RelayEndpoints {

  Optional<String> endpointFor(String peerId);
}
