package io.meshward.coordinator.audit;

/** The decision for traffic from one peer to another changed; {@code allowed} is the new one. */
public record DecisionFlip(String fromPeerId, String toPeerId, boolean allowed, String reason) {}
