package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {

  @Test
  void rendersOneTransactionThatReplacesTheWholeTable() {
    String script =
        NftRuleset.render(
            "mw0",
            List.of(
                PeerPortRules.of("10.213.2.1/32", List.of(PortRule.tcp(8080), PortRule.icmp()))));

    assertThat(script)
        .isEqualTo(
            """
            # meshward-agent: inbound filter of mw0; replaced as a whole on every change.
            table inet meshward_mw0 {}
            delete table inet meshward_mw0
            table inet meshward_mw0 {
              counter dropped {
              }
              set ports_v4 {
                type ipv4_addr . inet_proto . inet_service
                flags interval
              }
              set ports_v6 {
                type ipv6_addr . inet_proto . inet_service
                flags interval
              }
              set protocols_v4 {
                type ipv4_addr . inet_proto
                flags interval
              }
              set protocols_v6 {
                type ipv6_addr . inet_proto
                flags interval
              }
              set any_v4 {
                type ipv4_addr
                flags interval
                auto-merge
              }
              set any_v6 {
                type ipv6_addr
                flags interval
                auto-merge
              }
              chain input {
                type filter hook input priority filter; policy accept;
                iifname != "mw0" accept
                ct state established,related accept
                ip saddr . meta l4proto . th dport @ports_v4 accept
                ip6 saddr . meta l4proto . th dport @ports_v6 accept
                ip saddr . meta l4proto @protocols_v4 accept
                ip6 saddr . meta l4proto @protocols_v6 accept
                ip saddr @any_v4 accept
                ip6 saddr @any_v6 accept
                counter name "dropped" drop
              }
            }
            add element inet meshward_mw0 ports_v4 { 10.213.2.1/32 . 6 . 8080 }
            add element inet meshward_mw0 protocols_v4 { 10.213.2.1/32 . 1 }
            """);
  }

  @Test
  void noRulesMeansEverythingNewIsDropped() {
    String script = NftRuleset.render("mw0", List.of());

    assertThat(script).doesNotContain("add element");
    assertThat(script).endsWith("    counter name \"dropped\" drop\n  }\n}\n");
  }

  @Test
  void mergesOverlappingPortRangesOfOnePeer() {
    String script =
        NftRuleset.render(
            "mw0",
            List.of(
                PeerPortRules.of(
                    "10.213.2.1/32",
                    List.of(
                        new PortRule(PortRule.Protocol.TCP, 8000, 8100),
                        PortRule.tcp(8080),
                        new PortRule(PortRule.Protocol.TCP, 8101, 8200),
                        PortRule.tcp(22),
                        PortRule.udp(53))),
                PeerPortRules.of("10.213.2.1", List.of(PortRule.tcp(23)))));

    assertThat(script)
        .contains(
            "add element inet meshward_mw0 ports_v4 { 10.213.2.1/32 . 6 . 22-23,"
                + " 10.213.2.1/32 . 6 . 8000-8200, 10.213.2.1/32 . 17 . 53 }");
  }

  @Test
  void allPortsAnyProtocolAndIpv6() {
    String script =
        NftRuleset.render(
            "mw0",
            List.of(
                PeerPortRules.of(
                    "10.213.2.5/32", List.of(new PortRule(PortRule.Protocol.TCP, 0, 0))),
                PeerPortRules.of("10.213.2.6/32", List.of(PortRule.any())),
                PeerPortRules.of(
                    "fd00:0:0:0:0:0:0:7/128", List.of(PortRule.icmp(), PortRule.udp(500)))));

    assertThat(script)
        .contains("add element inet meshward_mw0 ports_v4 { 10.213.2.5/32 . 6 . 0-65535 }")
        .contains("add element inet meshward_mw0 any_v4 { 10.213.2.6/32 }")
        .contains("add element inet meshward_mw0 protocols_v6 { fd00::7/128 . 58 }")
        .contains("add element inet meshward_mw0 ports_v6 { fd00::7/128 . 17 . 500 }");
  }

  @Test
  void largeRuleSetsAreSplitIntoSeveralStatements() {
    List<PeerPortRules> peers =
        java.util.stream.IntStream.range(0, 1200)
            .mapToObj(
                i ->
                    PeerPortRules.of(
                        "100.64." + (i / 256) + "." + (i % 256), List.of(PortRule.tcp(443))))
            .toList();

    String script = NftRuleset.render("mw0", peers);

    assertThat(script.lines().filter(line -> line.startsWith("add element"))).hasSize(3);
    assertThat(script).contains("100.64.4.175/32 . 6 . 443");
  }

  @Test
  void tableNamesEscapeCharactersNftDoesNotTakeSoNamesNeverCollide() {
    assertThat(NftRuleset.tableName("mw0")).isEqualTo("meshward_mw0");
    assertThat(NftRuleset.tableName("mw-a")).isEqualTo("meshward_mw_2da");
    assertThat(NftRuleset.tableName("mw_2da")).isEqualTo("meshward_mw_5f2da");
    assertThatThrownBy(() -> NftRuleset.render("bad name\" accept", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interface name");
  }
}
