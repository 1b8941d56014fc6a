package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.agent.keys.WireGuardKeyPair;
import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.wireguard.InterfaceConfig;
import io.meshward.agent.wireguard.WireGuardPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two namespaces, a real wireguard-go tunnel between them, peers coming and going. */
class WireGuardGoBackendNamespaceIT {

  private static final int PORT = 51820;

  @BeforeEach
  void prerequisites() {
    NamespacePrerequisites.require();
  }

  @Test
  void peersComeAndGoWithoutDisturbingThePeersThatStay() throws Exception {
    try (NetworkNamespaces net = NetworkNamespaces.create()) {
      String a = net.add("a");
      String b = net.add("b");
      net.link(a, "10.213.1.1/24", b, "10.213.1.2/24");
      WireGuardKeyPair keyA = WireGuardKeys.generate();
      WireGuardKeyPair keyB = WireGuardKeys.generate();
      WireGuardPeer peerA =
          new WireGuardPeer(
              keyA.publicKeyBase64(), "10.213.2.1/32", Optional.of("10.213.1.1:51820"));
      WireGuardPeer peerB =
          new WireGuardPeer(
              keyB.publicKeyBase64(), "10.213.2.2/32", Optional.of("10.213.1.2:51820"));
      // A peer that never answers: it comes and goes while the tunnel to B must stay up.
      WireGuardPeer bystander =
          new WireGuardPeer(
              WireGuardKeys.generate().publicKeyBase64(), "10.213.2.3/32", Optional.empty());
      String ifA = net.interfaceName("a");
      String ifB = net.interfaceName("b");
      WireGuardGoBackend backendA = new WireGuardGoBackend(net.runner(a));
      WireGuardGoBackend backendB = new WireGuardGoBackend(net.runner(b));

      backendA.apply(config(ifA, keyA, "10.213.2.1/24", peerB));
      backendB.apply(config(ifB, keyB, "10.213.2.2/24", peerA));
      assertThat(NetworkNamespaces.eventually(() -> net.ping(a, "10.213.2.2")))
          .as("ping A -> B through the tunnel")
          .isTrue();
      long handshake = backendA.peers(ifA).get(keyB.publicKeyBase64()).latestHandshake();
      int index = backendA.interfaceIndex(ifA);
      assertThat(handshake).isPositive();

      backendA.apply(config(ifA, keyA, "10.213.2.1/24", peerB, bystander));
      assertThat(backendA.peers(ifA))
          .containsOnlyKeys(keyB.publicKeyBase64(), bystander.publicKey());
      assertThat(backendA.peers(ifA).get(keyB.publicKeyBase64()).latestHandshake())
          .as("B's session survives adding another peer")
          .isEqualTo(handshake);
      assertThat(backendA.interfaceIndex(ifA)).as("interface not recreated").isEqualTo(index);

      backendA.apply(config(ifA, keyA, "10.213.2.1/24", bystander));
      assertThat(backendA.peers(ifA)).containsOnlyKeys(bystander.publicKey());
      assertThat(net.ping(a, "10.213.2.2")).as("ping after B was removed").isFalse();

      backendA.apply(config(ifA, keyA, "10.213.2.1/24", bystander, peerB));
      assertThat(NetworkNamespaces.eventually(() -> net.ping(a, "10.213.2.2")))
          .as("ping after B was added again")
          .isTrue();
      long renewed = backendA.peers(ifA).get(keyB.publicKeyBase64()).latestHandshake();
      assertThat(renewed).isPositive();

      backendA.apply(config(ifA, keyA, "10.213.2.1/24", peerB));
      assertThat(backendA.peers(ifA)).containsOnlyKeys(keyB.publicKeyBase64());
      assertThat(backendA.peers(ifA).get(keyB.publicKeyBase64()).latestHandshake())
          .as("B's session survives removing another peer")
          .isEqualTo(renewed);
      assertThat(backendA.interfaceIndex(ifA)).isEqualTo(index);
      assertThat(net.ping(a, "10.213.2.2")).isTrue();

      backendA.remove(ifA);
      assertThat(backendA.exists(ifA)).isFalse();
      assertThat(Files.exists(Path.of("/var/run/wireguard", ifA + ".sock"))).isFalse();
      assertThat(net.ping(a, "10.213.2.2")).isFalse();
      backendA.remove(ifA); // removing twice is fine
    }
  }

  @Test
  void hostAddressesGetARoutePerPeerAndAddressChangesReplaceTheOldOne() throws Exception {
    try (NetworkNamespaces net = NetworkNamespaces.create()) {
      String a = net.add("a");
      String b = net.add("b");
      net.link(a, "10.213.1.1/24", b, "10.213.1.2/24");
      WireGuardKeyPair keyA = WireGuardKeys.generate();
      WireGuardKeyPair keyB = WireGuardKeys.generate();
      String ifA = net.interfaceName("a");
      String ifB = net.interfaceName("b");
      WireGuardGoBackend backendA = new WireGuardGoBackend(net.runner(a));
      WireGuardPeer peerB =
          new WireGuardPeer(
              keyB.publicKeyBase64(), "10.213.5.2/32", Optional.of("10.213.1.2:51820"));
      backendA.apply(config(ifA, keyA, "10.213.5.1/32", peerB));
      new WireGuardGoBackend(net.runner(b))
          .apply(
              config(
                  ifB,
                  keyB,
                  "10.213.5.2/32",
                  new WireGuardPeer(
                      keyA.publicKeyBase64(), "10.213.5.1/32", Optional.of("10.213.1.1:51820"))));

      assertThat(net.in(a, "ip", "-o", "route", "show", "dev", ifA, "proto", "static"))
          .contains("10.213.5.2");
      assertThat(NetworkNamespaces.eventually(() -> net.ping(a, "10.213.5.2"))).isTrue();

      backendA.apply(config(ifA, keyA, "10.213.6.1/32"));
      assertThat(net.in(a, "ip", "-o", "route", "show", "dev", ifA, "proto", "static")).isBlank();
      String addresses = net.in(a, "ip", "-o", "address", "show", "dev", ifA);
      assertThat(addresses).contains("10.213.6.1/32").doesNotContain("10.213.5.1");
      assertThat(net.ping(a, "10.213.5.2")).isFalse();
    }
  }

  @Test
  void aNameInUseInAnotherNamespaceIsRefused() throws Exception {
    try (NetworkNamespaces net = NetworkNamespaces.create()) {
      String a = net.add("a");
      String b = net.add("b");
      String name = net.interfaceName("x");
      WireGuardGoBackend backendA = new WireGuardGoBackend(net.runner(a));
      WireGuardGoBackend backendB = new WireGuardGoBackend(net.runner(b));
      backendA.apply(config(name, WireGuardKeys.generate(), "10.213.4.1/24"));

      assertThatThrownBy(
              () -> backendB.apply(config(name, WireGuardKeys.generate(), "10.213.4.2/24")))
          .isInstanceOf(DataPlaneException.class)
          .hasMessageContaining("must be unique per host");
      assertThat(backendB.exists(name)).isFalse();
      assertThat(backendA.exists(name)).isTrue();
    }
  }

  @Test
  void badConfigurationCreatesNothing() throws Exception {
    try (NetworkNamespaces net = NetworkNamespaces.create()) {
      String a = net.add("a");
      String name = net.interfaceName("a");
      WireGuardGoBackend backend = new WireGuardGoBackend(net.runner(a));
      WireGuardPeer broken = new WireGuardPeer("not-a-key", "10.213.2.9/32", Optional.empty());

      assertThatThrownBy(
              () -> backend.apply(config(name, WireGuardKeys.generate(), "10.213.2.1/24", broken)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not-a-key");
      assertThat(backend.exists(name)).isFalse();
    }
  }

  @Test
  void withPersistentKeepaliveTheHandshakeHappensBeforeAnyTraffic() throws Exception {
    try (NetworkNamespaces net = NetworkNamespaces.create()) {
      String a = net.add("a");
      String b = net.add("b");
      net.link(a, "10.213.1.1/24", b, "10.213.1.2/24");
      WireGuardKeyPair keyA = WireGuardKeys.generate();
      WireGuardKeyPair keyB = WireGuardKeys.generate();
      String ifA = net.interfaceName("a");
      String ifB = net.interfaceName("b");
      WireGuardGoBackend backendA = new WireGuardGoBackend(net.runner(a));
      WireGuardGoBackend backendB = new WireGuardGoBackend(net.runner(b));

      backendB.apply(
          config(
              ifB,
              keyB,
              "10.213.2.2/24",
              new WireGuardPeer(keyA.publicKeyBase64(), "10.213.2.1/32", Optional.empty(), 25)));
      backendA.apply(
          config(
              ifA,
              keyA,
              "10.213.2.1/24",
              new WireGuardPeer(
                  keyB.publicKeyBase64(), "10.213.2.2/32", Optional.of("10.213.1.2:51820"), 25)));

      assertThat(backendA.peers(ifA).get(keyB.publicKeyBase64()).persistentKeepalive())
          .isEqualTo(25);
      assertThat(
              NetworkNamespaces.eventually(
                  () -> backendA.peers(ifA).get(keyB.publicKeyBase64()).latestHandshake() > 0))
          .as("A's handshake with B completes though nothing was sent through the tunnel")
          .isTrue();

      // Turning it off is a change like any other, and keeps the session.
      long handshake = backendA.peers(ifA).get(keyB.publicKeyBase64()).latestHandshake();
      backendA.apply(
          config(
              ifA,
              keyA,
              "10.213.2.1/24",
              new WireGuardPeer(
                  keyB.publicKeyBase64(), "10.213.2.2/32", Optional.of("10.213.1.2:51820"), 0)));
      LivePeer off = backendA.peers(ifA).get(keyB.publicKeyBase64());
      assertThat(off.persistentKeepalive()).isZero();
      assertThat(off.latestHandshake()).isEqualTo(handshake);
    }
  }

  private static InterfaceConfig config(
      String name, WireGuardKeyPair key, String address, WireGuardPeer... peers) {
    return new InterfaceConfig(name, key.privateKeyBase64(), address, PORT, List.of(peers));
  }
}
