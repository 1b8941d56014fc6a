package io.meshward.coordinator.networkmap;

import java.util.List;

/** The allowed directed connections a decider found; everything else is denied. */
public record AccessDecision(List<AllowedConnection> allowed) {

  public AccessDecision {
    allowed = List.copyOf(allowed);
  }

  public static AccessDecision denyAll() {
    return new AccessDecision(List.of());
  }

  /** Traffic {@code from} may send to {@code to}, limited to these rules (never empty). */
  public record AllowedConnection(String from, String to, List<PortRule> rules, String reason) {

    public AllowedConnection {
      rules = List.copyOf(rules);
      if (rules.isEmpty()) {
        throw new IllegalArgumentException("an allowed connection needs at least one port rule");
      }
    }
  }

  /** A protocol ("tcp", "udp", "icmp" or "any") and an inclusive port range; 0-0 means all. */
  public record PortRule(String protocol, int fromPort, int toPort) {

    public static PortRule any() {
      return new PortRule("any", 0, 0);
    }
  }
}
