package io.meshward.agent.dataplane;

import io.meshward.agent.wireguard.InterfaceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the nftables script that makes a {@link PortFilter} rule set true. The whole script runs
 * as one {@code nft -f -} transaction: it declares the table (a no-op when it exists), deletes it
 * and adds it again complete, so the old rules hold until the new ones replace them, and a script
 * nft rejects changes nothing.
 *
 * <p>Rules live in sets keyed by (source address, protocol, port range), so a packet is matched by
 * one lookup however many peers there are.
 */
public final class NftRuleset {

  static final String COUNTER = "dropped";
  static final String CHAIN = "input";
  private static final int ELEMENTS_PER_STATEMENT = 500;
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int ICMP = 1;
  private static final int ICMPV6 = 58;

  private NftRuleset() {}

  /** The table of an interface: {@code meshward_} and the name, with other characters escaped. */
  public static String tableName(String interfaceName) {
    InterfaceConfig.requireInterfaceName(interfaceName);
    StringBuilder name = new StringBuilder("meshward_");
    for (char c : interfaceName.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        name.append(c);
      } else {
        // '_' escapes too, so two interface names never share a table.
        name.append('_').append(Integer.toHexString(c));
      }
    }
    return name.toString();
  }

  public static String render(String interfaceName, List<PeerPortRules> peers) {
    String table = "inet " + tableName(interfaceName);
    Elements elements = Elements.of(peers);
    StringBuilder out = new StringBuilder();
    out.append("# meshward-agent: inbound filter of ")
        .append(interfaceName)
        .append("; replaced as a whole on every change.\n");
    // Declaring first makes the delete succeed when the table is new. Deleting and re-creating in
    // one transaction is as atomic as flushing, and far faster: nft refills a flushed interval
    // set element by element (seconds for thousands of peers), a new one in one go.
    out.append("table ").append(table).append(" {}\n");
    out.append("delete table ").append(table).append('\n');
    out.append("table ").append(table).append(" {\n");
    out.append("  counter ").append(COUNTER).append(" {\n  }\n");
    for (SetKind kind : SetKind.values()) {
      out.append("  set ").append(kind.setName).append(" {\n");
      out.append("    type ").append(kind.type).append("\n");
      out.append("    flags interval\n");
      if (kind.autoMerge) {
        out.append("    auto-merge\n");
      }
      out.append("  }\n");
    }
    out.append("  chain ").append(CHAIN).append(" {\n");
    out.append("    type filter hook input priority filter; policy accept;\n");
    // Only this interface is filtered; traffic from anywhere else leaves this table untouched.
    out.append("    iifname != \"").append(interfaceName).append("\" accept\n");
    out.append("    ct state established,related accept\n");
    for (SetKind kind : SetKind.values()) {
      out.append("    ").append(kind.match).append(" @").append(kind.setName).append(" accept\n");
    }
    out.append("    counter name \"").append(COUNTER).append("\" drop\n");
    out.append("  }\n}\n");
    for (SetKind kind : SetKind.values()) {
      List<String> values = elements.bySet.get(kind);
      for (int start = 0; start < values.size(); start += ELEMENTS_PER_STATEMENT) {
        out.append("add element ")
            .append(table)
            .append(' ')
            .append(kind.setName)
            .append(" { ")
            .append(
                String.join(
                    ", ",
                    values.subList(start, Math.min(values.size(), start + ELEMENTS_PER_STATEMENT))))
            .append(" }\n");
      }
    }
    return out.toString();
  }

  private enum SetKind {
    PORTS_V4(
        "ports_v4",
        "ipv4_addr . inet_proto . inet_service",
        "ip saddr . meta l4proto . th dport",
        false),
    PORTS_V6(
        "ports_v6",
        "ipv6_addr . inet_proto . inet_service",
        "ip6 saddr . meta l4proto . th dport",
        false),
    PROTOCOLS_V4("protocols_v4", "ipv4_addr . inet_proto", "ip saddr . meta l4proto", false),
    PROTOCOLS_V6("protocols_v6", "ipv6_addr . inet_proto", "ip6 saddr . meta l4proto", false),
    ANY_V4("any_v4", "ipv4_addr", "ip saddr", true),
    ANY_V6("any_v6", "ipv6_addr", "ip6 saddr", true);

    final String setName;
    final String type;
    final String match;
    final boolean autoMerge;

    SetKind(String setName, String type, String match, boolean autoMerge) {
      this.setName = setName;
      this.type = type;
      this.match = match;
      this.autoMerge = autoMerge;
    }
  }

  /** Set elements, with each peer's overlapping port ranges merged (nft rejects overlaps). */
  private record Elements(Map<SetKind, List<String>> bySet) {

    static Elements of(List<PeerPortRules> peers) {
      Map<Cidr, Map<Integer, List<int[]>>> ranges = new LinkedHashMap<>();
      Map<Cidr, Boolean> any = new LinkedHashMap<>();
      for (PeerPortRules peer : peers) {
        Cidr source = peer.meshAddress();
        for (PortRule rule : peer.inbound()) {
          switch (rule.protocol()) {
            case ANY -> any.put(source, true);
            case ICMP -> rangesOf(ranges, source, source.isIpv6() ? ICMPV6 : ICMP);
            case TCP, UDP -> {
              int protocol = rule.protocol() == PortRule.Protocol.TCP ? TCP : UDP;
              int from = rule.allPorts() ? 0 : rule.fromPort();
              int to = rule.allPorts() ? 65535 : rule.toPort();
              rangesOf(ranges, source, protocol).add(new int[] {from, to});
            }
          }
        }
      }
      Map<SetKind, List<String>> bySet = new LinkedHashMap<>();
      for (SetKind kind : SetKind.values()) {
        bySet.put(kind, new ArrayList<>());
      }
      ranges.forEach(
          (source, byProtocol) ->
              byProtocol.forEach(
                  (protocol, portRanges) -> {
                    String prefix = source + " . " + protocol;
                    if (protocol == ICMP || protocol == ICMPV6) {
                      bySet
                          .get(source.isIpv6() ? SetKind.PROTOCOLS_V6 : SetKind.PROTOCOLS_V4)
                          .add(prefix);
                      return;
                    }
                    for (int[] range : merge(portRanges)) {
                      String ports =
                          range[0] == range[1] ? "" + range[0] : range[0] + "-" + range[1];
                      bySet
                          .get(source.isIpv6() ? SetKind.PORTS_V6 : SetKind.PORTS_V4)
                          .add(prefix + " . " + ports);
                    }
                  }));
      any.keySet()
          .forEach(
              source ->
                  bySet
                      .get(source.isIpv6() ? SetKind.ANY_V6 : SetKind.ANY_V4)
                      .add(source.toString()));
      return new Elements(bySet);
    }

    private static List<int[]> rangesOf(
        Map<Cidr, Map<Integer, List<int[]>>> ranges, Cidr source, int protocol) {
      return ranges
          .computeIfAbsent(source, key -> new TreeMap<>())
          .computeIfAbsent(protocol, key -> new ArrayList<>());
    }

    private static List<int[]> merge(List<int[]> ranges) {
      List<int[]> sorted = new ArrayList<>(ranges);
      sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<int[]> merged = new ArrayList<>();
      for (int[] range : sorted) {
        int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (last != null && range[0] <= last[1] + 1) {
          last[1] = Math.max(last[1], range[1]);
        } else {
          merged.add(new int[] {range[0], range[1]});
        }
      }
      return merged;
    }
  }
}
