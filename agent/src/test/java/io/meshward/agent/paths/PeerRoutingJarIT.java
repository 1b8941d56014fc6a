package io.meshward.agent.paths;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.paths.PeerPath.Route;
import io.meshward.agent.relay.RelayTestbed;
import io.meshward.agent.testing.Await;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.RelayInfo;
import io.meshward.protocol.v1.RemotePeer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path choice composed with the real relay: network maps in, endpoints out. Alice has a direct
 * endpoint for bob that never answers (no handshake), so after the timeout bob goes through the
 * relay; bob has no endpoint for alice, so alice is relayed at once. Packets then flow between the
 * two stand-in WireGuard ports over the endpoints the selector chose.
 */
class PeerRoutingJarIT {

  @TempDir Path dir;

  @Test
  void anUnansweredDirectPathFallsBackToTheRelayAndTrafficFlows() throws Exception {
    String aliceKey = WireGuardKeys.generate().publicKeyBase64();
    String bobKey = WireGuardKeys.generate().publicKeyBase64();
    try (var testbed = RelayTestbed.start(dir, "alice", "alice-secret", "bob", "bob-secret");
        var aliceWg = wireGuardPort();
        var bobWg = wireGuardPort()) {
      AtomicInteger aliceChanges = new AtomicInteger();
      AtomicInteger bobChanges = new AtomicInteger();
      try (var alice = routing(aliceWg, aliceChanges);
          var bob = routing(bobWg, bobChanges)) {
        alice.mapReceived(
            Optional.of(
                map(
                    "alice",
                    testbed.relayAddress(),
                    "alice-secret",
                    peer("bob", bobKey, "192.0.2.1:51820"))),
            "alice");
        bob.mapReceived(
            Optional.of(
                map("bob", testbed.relayAddress(), "bob-secret", peer("alice", aliceKey, null))),
            "bob");
        assertThat(alice.endpointFor("bob")).contains("192.0.2.1:51820");

        Await.until(
            "bob relayed on alice's side",
            () -> {
              alice.refresh();
              return alice.selector().paths().get("bob").route() == Route.RELAY;
            });
        Await.until(
            "alice relayed on bob's side",
            () -> {
              bob.refresh();
              return bob.selector().paths().get("alice").route() == Route.RELAY;
            });
        assertThat(aliceChanges.get()).isPositive();
        String aliceToBob = alice.endpointFor("bob").orElseThrow();
        String bobToAlice = bob.endpointFor("alice").orElseThrow();
        assertThat(aliceToBob).startsWith("127.0.0.1:");

        byte[] packet = "handshake initiation".getBytes(StandardCharsets.UTF_8);
        String arrived = null;
        for (int i = 0; i < 240 && arrived == null; i++) {
          aliceWg.send(new DatagramPacket(packet, packet.length, socket(aliceToBob)));
          arrived = receive(bobWg);
        }
        assertThat(arrived).isEqualTo("handshake initiation");
        byte[] reply = "handshake response".getBytes(StandardCharsets.UTF_8);
        String back = null;
        for (int i = 0; i < 240 && back == null; i++) {
          bobWg.send(new DatagramPacket(reply, reply.length, socket(bobToAlice)));
          back = receive(aliceWg);
        }
        assertThat(back).isEqualTo("handshake response");

        // The coordinator drops the relay: relayed peers go back to their direct endpoint.
        alice.mapReceived(
            Optional.of(
                NetworkMap.newBuilder()
                    .setSelf(PeerConfig.newBuilder().setPeerId("alice"))
                    .addPeers(peer("bob", bobKey, "192.0.2.1:51820"))
                    .build()),
            "alice");
        assertThat(alice.endpointFor("bob")).contains("192.0.2.1:51820");
      }
    }
  }

  private static PeerRouting routing(DatagramSocket wireGuard, AtomicInteger changes) {
    return PeerRouting.directThenRelay(
        wireGuard.getLocalPort(),
        Map::of, // this WireGuard never completes a handshake
        Clock.systemUTC(),
        Duration.ofSeconds(1),
        RelayTestbed.FAST_RETRY,
        changes::incrementAndGet);
  }

  private static NetworkMap map(String self, String relay, String credential, RemotePeer peer) {
    return NetworkMap.newBuilder()
        .setSelf(PeerConfig.newBuilder().setPeerId(self))
        .addPeers(peer)
        .addRelays(RelayInfo.newBuilder().setAddress(relay).setCredential(credential))
        .build();
  }

  private static RemotePeer peer(String id, String key, String endpoint) {
    RemotePeer.Builder peer =
        RemotePeer.newBuilder()
            .setPeerId(id)
            .setWireguardPublicKey(key)
            .setMeshAddress("100.64.0.9");
    if (endpoint != null) {
      peer.addEndpoints(endpoint);
    }
    return peer.build();
  }

  private static DatagramSocket wireGuardPort() throws Exception {
    DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    socket.setSoTimeout(250);
    return socket;
  }

  private static InetSocketAddress socket(String endpoint) {
    return new InetSocketAddress(
        "127.0.0.1", Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
  }

  private static String receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return null;
    }
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
