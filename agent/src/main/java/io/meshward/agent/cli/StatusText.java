package io.meshward.agent.cli;

import io.meshward.agent.state.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The human-readable form of {@link AgentStatus}. */
final class StatusText {

  private StatusText() {}

  static String render(AgentStatus status, boolean running, String stateDir) {
    Instant now = Instant.now();
    StringBuilder out = new StringBuilder();
    out.append("agent:        ")
        .append(
            running
                ? "running (pid " + status.pid() + ")"
                : "not running (last state: " + status.state() + ")")
        .append(", state dir ")
        .append(stateDir)
        .append('\n');
    AgentStatus.Link link = status.link();
    if (link != null) {
      out.append("coordinator:  ").append(link.coordinator()).append(", ");
      if (running && link.connected()) {
        out.append("connected");
      } else {
        out.append("not connected");
        if (link.disconnectedSince() != null) {
          out.append(" since ").append(ago(link.disconnectedSince(), now));
        }
      }
      out.append(", last contact ")
          .append(link.lastContact() == null ? "never" : ago(link.lastContact(), now))
          .append('\n');
      if (link.lastError() != null) {
        out.append("last error:   ").append(link.lastError()).append('\n');
      }
    }
    if (status.self() != null) {
      out.append("this device:  ")
          .append(status.self().name())
          .append(" (")
          .append(status.self().peerId())
          .append("), mesh address ")
          .append(status.self().meshAddress())
          .append('\n');
      if (status.self().certificateExpiresAt() != null) {
        Instant expires = status.self().certificateExpiresAt();
        out.append("certificate:  expires ")
            .append(expires)
            .append(expires.isBefore(now) ? " (EXPIRED: enrol again)" : "")
            .append('\n');
      }
    }
    AgentStatus.Posture posture = status.posture();
    if (posture == null) {
      out.append("posture:      not reported yet\n");
    } else {
      out.append("posture:      reported ").append(ago(posture.reportedAt(), now)).append('\n');
      for (AgentStatus.Verdict verdict : posture.verdicts()) {
        out.append("  ")
            .append(verdict.pluginId())
            .append(": ")
            .append(verdict.verdict())
            .append(
                verdict.reason() == null || verdict.reason().isEmpty()
                    ? ""
                    : " (" + verdict.reason() + ")")
            .append('\n');
      }
      for (Map.Entry<String, Object> fact : posture.facts().entrySet()) {
        out.append("  ")
            .append(fact.getKey())
            .append(" = ")
            .append(fact(fact.getValue()))
            .append('\n');
      }
    }
    List<AgentStatus.Peer> peers = status.peers() == null ? List.of() : status.peers();
    out.append("peers:        ").append(peers.size());
    if (status.peersClearedAt() != null) {
      out.append(" (removed ")
          .append(ago(status.peersClearedAt(), now))
          .append(": coordinator unreachable for too long)");
    }
    out.append('\n');
    for (AgentStatus.Peer peer : peers) {
      out.append(
          String.format(
              "  %-20s %-18s %s%s%s%n",
              peer.name(),
              peer.meshAddress(),
              peer.publicKey(),
              peer.endpoint() == null ? "" : " via " + peer.endpoint(),
              peer.path() == null ? "" : " (" + peer.path() + ")"));
    }
    if (status.wireGuardConfig() != null) {
      out.append("wireguard:    ").append(status.wireGuardConfig()).append('\n');
    }
    return out.toString();
  }

  private static String fact(Object value) {
    if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
      StringBuilder text = new StringBuilder();
      for (Object item : list) {
        Map<?, ?> volume = (Map<?, ?>) item;
        text.append("\n      ")
            .append(volume.get("mount"))
            .append(" on ")
            .append(volume.get("device"))
            .append(
                Boolean.TRUE.equals(volume.get("encrypted"))
                    ? " encrypted (" + volume.get("method") + ")"
                    : " NOT encrypted")
            .append(Boolean.TRUE.equals(volume.get("system")) ? ", system" : "");
      }
      return text.toString();
    }
    return String.valueOf(value);
  }

  private static String ago(Instant then, Instant now) {
    long seconds = Math.max(0, Duration.between(then, now).toSeconds());
    String relative =
        seconds < 120
            ? seconds + " s ago"
            : seconds < 7200 ? seconds / 60 + " min ago" : seconds / 3600 + " h ago";
    return then + " (" + relative + ")";
  }
}
