package io.meshward.coordinator.networkmap;

import java.util.Set;

/**
 * Anything else that affects decisions for these peers changed (e.g. a posture verdict). Publish it
 * as a Spring event; the network map recomputes those peers. An empty set means all peers.
 */
public record AccessInputsChanged(String accountId, Set<String> peerIds) {}
