package io.meshward.agent.dataplane;

import java.util.Locale;

/**
 * One allowed inbound protocol and inclusive port range, as the coordinator's {@code PortRule}
 * sends it. Ports 0-0 mean every port; ICMP and "any" carry no ports.
 */
public record PortRule(Protocol protocol, int fromPort, int toPort) {

  /** The protocols a rule may name. */
  public enum Protocol {
    TCP,
    UDP,
    ICMP,
    ANY;

    /** Parses "tcp", "udp", "icmp" or "any" (any case). */
    public static Protocol parse(String text) {
      if (text != null) {
        for (Protocol protocol : values()) {
          if (protocol.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
            return protocol;
          }
        }
      }
      throw new IllegalArgumentException(
          "protocol '" + text + "' is not one of tcp, udp, icmp, any");
    }

    boolean hasPorts() {
      return this == TCP || this == UDP;
    }
  }

  public PortRule {
    if (protocol == null) {
      throw new IllegalArgumentException("a port rule needs a protocol");
    }
    if (fromPort < 0 || toPort > 65535 || fromPort > toPort) {
      throw new IllegalArgumentException(
          "port range " + fromPort + "-" + toPort + " is not within 0-65535 in order");
    }
    if (!protocol.hasPorts() && (fromPort != 0 || toPort != 0)) {
      throw new IllegalArgumentException(
          protocol.name().toLowerCase(Locale.ROOT) + " rules carry no ports; use 0-0");
    }
  }

  public static PortRule of(String protocol, int fromPort, int toPort) {
    return new PortRule(Protocol.parse(protocol), fromPort, toPort);
  }

  public static PortRule tcp(int port) {
    return new PortRule(Protocol.TCP, port, port);
  }

  public static PortRule udp(int port) {
    return new PortRule(Protocol.UDP, port, port);
  }

  public static PortRule icmp() {
    return new PortRule(Protocol.ICMP, 0, 0);
  }

  public static PortRule any() {
    return new PortRule(Protocol.ANY, 0, 0);
  }

  /** Whether the rule covers every port of its protocol. */
  boolean allPorts() {
    return fromPort == 0 && toPort == 0;
  }
}
