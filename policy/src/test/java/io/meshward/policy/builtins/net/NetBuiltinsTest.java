package io.meshward.policy.builtins.net;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import org.junit.jupiter.api.Test;

class NetBuiltinsTest {

  private final BuiltinHarness h = new BuiltinHarness(new NetBuiltins());

  private String call(String name, String... args) throws Exception {
    String[] json = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      json[i] = quoted(args[i]);
    }
    return h.json(name, json);
  }

  @Test
  void signaturesMatchCapabilities() throws Exception {
    assertThat(h.checkAgainstCapabilities()).hasSize(8);
  }

  @Test
  void containsAddressesAndBlocks() throws Exception {
    assertThat(call("net.cidr_contains", "100.64.0.0/10", "100.127.255.255")).isEqualTo("true");
    assertThat(call("net.cidr_contains", "100.64.0.0/10", "100.128.0.0")).isEqualTo("false");
    assertThat(call("net.cidr_contains", "100.64.0.0/10", "100.96.0.0/11")).isEqualTo("true");
    assertThat(call("net.cidr_contains", "100.96.0.0/11", "100.64.0.0/10")).isEqualTo("false");
    assertThat(call("net.cidr_contains", "0.0.0.0/0", "203.0.113.9")).isEqualTo("true");
    assertThat(call("net.cidr_contains", "fd00::/8", "fdab:1::7")).isEqualTo("true");
    assertThat(call("net.cidr_contains", "fd00::/8", "fe80::1")).isEqualTo("false");
    assertThat(call("net.cidr_contains", "fd00:1:2::/48", "fd00:1:2:ff00::/56")).isEqualTo("true");
    // IPv4 and IPv6 never contain each other, except IPv4-mapped addresses
    assertThat(call("net.cidr_contains", "::/0", "10.0.0.1")).isEqualTo("false");
    assertThat(call("net.cidr_contains", "10.0.0.0/8", "::ffff:10.1.2.3")).isEqualTo("true");
    assertThat(call("net.cidr_overlap", "10.0.0.0/8", "10.1.2.3")).isEqualTo("true");
  }

  @Test
  void containsRejectsMalformedInput() throws Exception {
    h.failure("net.cidr_contains", quoted("10.0.0.0"), quoted("10.0.0.1"))
        .hasMessage("invalid CIDR address: 10.0.0.0");
    h.failure("net.cidr_contains", quoted("10.0.0.0/8"), quoted("10.0.0.256"))
        .hasMessage("not a valid textual representation of an IP address or CIDR: 10.0.0.256");
    h.failure("net.cidr_contains", quoted("010.0.0.0/8"), quoted("10.0.0.1"))
        .hasMessage("invalid CIDR address: 010.0.0.0/8");
    h.failure("net.cidr_contains", "1", quoted("10.0.0.1"))
        .hasMessage("operand 1 must be string but got number");
  }

  @Test
  void intersects() throws Exception {
    assertThat(call("net.cidr_intersects", "10.0.0.0/8", "10.200.0.0/16")).isEqualTo("true");
    assertThat(call("net.cidr_intersects", "10.200.0.0/16", "10.0.0.0/8")).isEqualTo("true");
    assertThat(call("net.cidr_intersects", "10.0.0.0/9", "10.128.0.0/9")).isEqualTo("false");
    assertThat(call("net.cidr_intersects", "2001:db8::/32", "2001:db8:ffff::/48"))
        .isEqualTo("true");
    h.failure("net.cidr_intersects", quoted("10.0.0.0/8"), quoted("nope"))
        .hasMessage("invalid CIDR address: nope");
  }

  @Test
  void isValid() throws Exception {
    assertThat(call("net.cidr_is_valid", "10.0.0.0/8")).isEqualTo("true");
    assertThat(call("net.cidr_is_valid", "10.0.0.0/33")).isEqualTo("false");
    assertThat(call("net.cidr_is_valid", "::1/128")).isEqualTo("true");
    assertThat(call("net.cidr_is_valid", "::1/129")).isEqualTo("false");
    assertThat(call("net.cidr_is_valid", "::1")).isEqualTo("false");
    assertThat(call("net.cidr_is_valid", "fe80::1%eth0/64")).isEqualTo("false");
    assertThat(call("net.cidr_is_valid", "1:2:3:4:5:6:7:8:9/64")).isEqualTo("false");
    assertThat(call("net.cidr_is_valid", "1::2::3/64")).isEqualTo("false");
    assertThat(call("net.cidr_is_valid", "::ffff:1.2.3.4/120")).isEqualTo("true");
    assertThat(h.json("net.cidr_is_valid", "7")).isEqualTo("false");
  }

  @Test
  void expandListsEveryAddress() throws Exception {
    assertThat(call("net.cidr_expand", "10.0.0.5/30"))
        .isEqualTo("[\"10.0.0.4\",\"10.0.0.5\",\"10.0.0.6\",\"10.0.0.7\"]");
    assertThat(call("net.cidr_expand", "2001:db8::ffff/127"))
        .isEqualTo("[\"2001:db8::fffe\",\"2001:db8::ffff\"]");
    assertThat(call("net.cidr_expand", "255.255.255.255/32")).isEqualTo("[\"255.255.255.255\"]");
    assertThat(h.call("net.cidr_expand", quoted("10.1.0.0/20")).toJson())
        .contains("\"10.1.15.255\"");
    h.failure("net.cidr_expand", quoted("10.0.0.0/40"))
        .hasMessage("invalid CIDR address: 10.0.0.0/40");
    h.failure("net.cidr_expand", quoted("2001:db8::/64"))
        .hasMessage(
            "CIDR block too large to expand: 2001:db8::/64 has more than 16777216 addresses");
  }

  @Test
  void ipv6IsPrintedLikeGo() throws Exception {
    assertThat(IpAddress.parse("2001:0db8:0000:0000:0001:0000:0000:0001").toString())
        .isEqualTo("2001:db8::1:0:0:1");
    assertThat(IpAddress.parse("::").toString()).isEqualTo("::");
    assertThat(IpAddress.parse("1:0:1:0:1:0:1:0").toString()).isEqualTo("1:0:1:0:1:0:1:0");
    assertThat(IpAddress.parse("::ffff:192.0.2.1").toString()).isEqualTo("192.0.2.1");
    assertThat(IpAddress.parse("64:ff9b::192.0.2.1").toString()).isEqualTo("64:ff9b::c000:201");
    assertThat(IpAddress.parse("1:2:3:4:5:6:7::").toString()).isEqualTo("1:2:3:4:5:6:7:0");
    assertThat(IpAddress.parse("1:2:3:4:5:6:7:8:")).isNull();
    assertThat(IpAddress.parse("12345::")).isNull();
    assertThat(IpAddress.parse("1.2.3")).isNull();
  }

  @Test
  void containsMatchesReportsKeys() throws Exception {
    assertThat(
            h.json(
                "net.cidr_contains_matches",
                "{\"lan\": \"192.168.0.0/16\", \"vpn\": [\"100.64.0.0/10\", \"x\"]}",
                "[\"192.168.4.4\", \"100.64.1.1\", \"8.8.8.8\"]"))
        .isEqualTo("[[\"lan\",0],[\"vpn\",1]]");
    assertThat(
            h.json(
                "net.cidr_contains_matches",
                "\"10.0.0.0/8\"",
                "[[\"10.1.1.1\", \"peer-a\"], \"11.0.0.1\"]"))
        .isEqualTo("[[\"10.0.0.0/8\",0]]");
    h.failure("net.cidr_contains_matches", "[\"10.0.0.0/8\"]", "[[]]")
        .hasMessage("operand 2: element must be string or non-empty array");
    h.failure("net.cidr_contains_matches", "[7]", "\"10.0.0.1\"")
        .hasMessage("operand 1: element must be string or non-empty array");
  }

  @Test
  void mergeCombinesAdjacentAndNestedBlocks() throws Exception {
    assertThat(h.json("net.cidr_merge", "[\"10.0.0.0/25\", \"10.0.0.128/25\", \"10.0.1.0/24\"]"))
        .isEqualTo("[\"10.0.0.0/23\"]");
    assertThat(h.json("net.cidr_merge", "[\"10.0.0.0/24\", \"10.0.0.77/32\", \"10.0.2.0/24\"]"))
        .isEqualTo("[\"10.0.0.0/24\",\"10.0.2.0/24\"]");
    assertThat(h.json("net.cidr_merge", "[\"10.0.0.1/32\", \"10.0.0.2/31\"]"))
        .isEqualTo("[\"10.0.0.1/32\",\"10.0.0.2/31\"]");
    assertThat(
            h.json(
                "net.cidr_merge",
                "[\"0.0.0.0/1\", \"128.0.0.0/1\", \"2001:db8::/33\"," + " \"2001:db8:8000::/33\"]"))
        .isEqualTo("[\"0.0.0.0/0\",\"2001:db8::/32\"]");
    // bare IPv4 addresses get their classful network, as Go's DefaultMask gives
    assertThat(h.json("net.cidr_merge", "[\"10.9.8.7\", \"172.16.3.4\", \"203.0.113.5\"]"))
        .isEqualTo("[\"10.0.0.0/8\",\"172.16.0.0/16\",\"203.0.113.0/24\"]");
    assertThat(h.json("net.cidr_merge", "[]")).isEqualTo("[]");
    h.failure("net.cidr_merge", "[\"fe80::1\"]").hasMessage("IPv6 invalid: needs prefix length");
    h.failure("net.cidr_merge", "[\"bad\"]").hasMessage("invalid CIDR address: bad");
  }

  @Test
  void lookupResolvesLiteralsAndLocalhost() throws Exception {
    assertThat(call("net.lookup_ip_addr", "192.0.2.7")).isEqualTo("[\"192.0.2.7\"]");
    assertThat(call("net.lookup_ip_addr", "0:0::1")).isEqualTo("[\"::1\"]");
    assertThat(h.call("net.lookup_ip_addr", quoted("localhost")).toJson())
        .isIn("[\"127.0.0.1\"]", "[\"127.0.0.1\",\"::1\"]", "[\"::1\"]");
    h.failure("net.lookup_ip_addr", quoted("")).hasMessage("lookup : no such host");
  }
}
