package io.meshward.agent.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a running `up` publishes in {@code status.json} for `status` to show.
 *
 * @param state "enrolling", "running", "stopped" or "failed"
 */
public record AgentStatus(
    long pid,
    String state,
    Instant updatedAt,
    Link link,
    Self self,
    Posture posture,
    List<Peer> peers,
    Instant peersClearedAt,
    String wireGuardConfig) {

  /** The connection to the coordinator. */
  public record Link(
      String coordinator,
      boolean connected,
      Instant lastContact,
      Instant disconnectedSince,
      String lastError) {}

  /** This device as the coordinator knows it. */
  public record Self(
      String peerId, String name, String meshAddress, Instant certificateExpiresAt) {}

  /** The facts last reported and what the posture plugins made of them. */
  public record Posture(Instant reportedAt, Map<String, Object> facts, List<Verdict> verdicts) {}

  public record Verdict(String pluginId, String verdict, String reason) {}

  /**
   * A peer this device may reach. {@code path}: "direct", "trying direct", "relay" or "none" when
   * the agent chooses paths ({@code --backend wireguard-go}), otherwise null.
   */
  public record Peer(
      String peerId,
      String name,
      String meshAddress,
      String publicKey,
      String endpoint,
      String path) {}
}
