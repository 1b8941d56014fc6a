package io.meshward.coordinator.peers;

import java.time.Instant;

/** An enrolled device authenticated by its certificate on a gRPC call. */
public record DevicePrincipal(String accountId, String peerId, Instant certificateExpiresAt) {}
