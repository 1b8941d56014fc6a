package io.meshward.coordinator.policies;

/** An account's active policy version changed (upload with activation, or rollback). */
public record PolicyActivated(String accountId, int version) {}
