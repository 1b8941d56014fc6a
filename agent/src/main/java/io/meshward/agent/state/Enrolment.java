package io.meshward.agent.state;

import java.time.Instant;

/**
 * What the coordinator told this device when it enrolled. Written last, after the keys and
 * certificates, so its presence means the credentials are complete.
 */
public record Enrolment(
    String peerId,
    String peerName,
    String meshAddress,
    String coordinator,
    Instant enrolledAt,
    Instant certificateExpiresAt) {}
