package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.keys.WireGuardKeyPair;
import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.wireguard.InterfaceConfig;
import io.meshward.agent.wireguard.WireGuardPeer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** B lets A reach TCP 8080 only; everything else A starts towards B over the mesh is dropped. */
class NftablesPortFilterNamespaceIT {

  private static final String ADDRESS_A = "10.213.2.1";
  private static final String ADDRESS_B = "10.213.2.2";

  @BeforeEach
  void prerequisites() {
    NamespacePrerequisites.require();
  }

  @Test
  void onlyAllowedPortsGetThroughTheMeshInterface() throws Exception {
    try (NetworkNamespaces net = NetworkNamespaces.create()) {
      String a = net.add("a");
      String b = net.add("b");
      net.link(a, "10.213.1.1/24", b, "10.213.1.2/24");
      WireGuardKeyPair keyA = WireGuardKeys.generate();
      WireGuardKeyPair keyB = WireGuardKeys.generate();
      String ifA = net.interfaceName("a");
      String ifB = net.interfaceName("b");
      new WireGuardGoBackend(net.runner(a))
          .apply(
              new InterfaceConfig(
                  ifA,
                  keyA.privateKeyBase64(),
                  ADDRESS_A + "/24",
                  51820,
                  List.of(
                      new WireGuardPeer(
                          keyB.publicKeyBase64(),
                          ADDRESS_B + "/32",
                          Optional.of("10.213.1.2:51820")))));
      new WireGuardGoBackend(net.runner(b))
          .apply(
              new InterfaceConfig(
                  ifB,
                  keyB.privateKeyBase64(),
                  ADDRESS_B + "/24",
                  51820,
                  List.of(
                      new WireGuardPeer(
                          keyA.publicKeyBase64(),
                          ADDRESS_A + "/32",
                          Optional.of("10.213.1.1:51820")))));
      net.start(b, "nc", "-l", "-k", "8080");
      net.start(b, "nc", "-l", "-k", "9090");
      // Without a filter both ports and ping get through, so the drops below are the filter's.
      assertThat(NetworkNamespaces.eventually(() -> net.connects(a, ADDRESS_B, 8080))).isTrue();
      assertThat(NetworkNamespaces.eventually(() -> net.connects(a, ADDRESS_B, 9090))).isTrue();
      assertThat(net.ping(a, ADDRESS_B)).isTrue();

      NftablesPortFilter filter = new NftablesPortFilter(net.runner(b));
      filter.apply(ifB, List.of(PeerPortRules.of(ADDRESS_A + "/32", List.of(PortRule.tcp(8080)))));

      assertThat(filter.installed(ifB)).isTrue();
      assertThat(net.connects(a, ADDRESS_B, 8080)).as("TCP 8080 is allowed").isTrue();
      assertThat(net.connects(a, ADDRESS_B, 9090)).as("TCP 9090 is dropped").isFalse();
      assertThat(net.ping(a, ADDRESS_B)).as("ICMP is dropped").isFalse();
      assertThat(filter.droppedPackets(ifB)).isPositive();
      assertThat(net.ping(a, "10.213.1.2")).as("the underlay link is not filtered").isTrue();

      filter.apply(
          ifB,
          List.of(
              PeerPortRules.of(ADDRESS_A + "/32", List.of(PortRule.tcp(8080), PortRule.icmp()))));
      assertThat(net.ping(a, ADDRESS_B)).as("ICMP once allowed").isTrue();
      assertThat(net.connects(a, ADDRESS_B, 9090)).isFalse();

      filter.apply(ifB, List.of(PeerPortRules.of(ADDRESS_A + "/32", List.of())));
      assertThat(net.connects(a, ADDRESS_B, 8080)).as("nothing allowed any more").isFalse();

      filter.remove(ifB);
      assertThat(filter.installed(ifB)).isFalse();
      assertThat(net.connects(a, ADDRESS_B, 9090)).as("no filter, no drops").isTrue();
      filter.remove(ifB); // removing twice is fine
    }
  }
}
