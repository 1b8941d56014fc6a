package io.meshward.agent.relay;

import io.meshward.agent.dataplane.LivePeer;
import io.meshward.agent.dataplane.ProcessCommandRunner;
import io.meshward.agent.dataplane.WireGuardGoBackend;
import io.meshward.agent.keys.WireGuardKeyPair;
import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.paths.HandshakeSource;
import io.meshward.agent.paths.PeerRouting;
import io.meshward.agent.wireguard.InterfaceConfig;
import io.meshward.agent.wireguard.WireGuardPeer;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.RelayInfo;
import io.meshward.protocol.v1.RemotePeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs inside a network namespace (started by {@link RelayedWireGuardNamespaceIT}): two real
 * wireguard-go interfaces driven like the agent drives them — each side's {@link PeerRouting}
 * (direct-then-relay, handshakes read with {@code wg show}) chooses the endpoints, re-evaluated and
 * applied every round. Alice's direct endpoint for bob leads nowhere and bob has none for alice, so
 * the only way a handshake completes is through the relay (the real jar) and the proxies. Exits 0
 * once both interfaces completed one.
 */
public final class RelayedWireGuardProbe {

  private RelayedWireGuardProbe() {}

  public static void main(String[] args) throws Exception {
    String interfaceA = args[0];
    String interfaceB = args[1];
    Path dir = Files.createTempDirectory("relayed-wireguard");
    WireGuardKeyPair keyA = WireGuardKeys.generate();
    WireGuardKeyPair keyB = WireGuardKeys.generate();
    var backend = new WireGuardGoBackend(ProcessCommandRunner.direct());
    int exit = 1;
    try (var testbed = RelayTestbed.start(dir, "alice", "alice-secret", "bob", "bob-secret");
        var alice =
            PeerRouting.directThenRelay(
                51901,
                handshakes(backend, interfaceA),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                RelayTestbed.FAST_RETRY,
                () -> {});
        var bob =
            PeerRouting.directThenRelay(
                51902,
                handshakes(backend, interfaceB),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                RelayTestbed.FAST_RETRY,
                () -> {})) {
      // Alice has a direct endpoint for bob that leads nowhere; bob has none for alice.
      alice.mapReceived(
          Optional.of(
              map("alice", testbed.relayAddress(), "alice-secret", "bob", keyB, "10.213.97.2")
                  .toBuilder()
                  .setPeers(
                      0,
                      peer("bob", keyB, "10.213.97.2").toBuilder()
                          .addEndpoints("10.213.95.1:51820"))
                  .build()),
          "alice");
      bob.mapReceived(
          Optional.of(
              map("bob", testbed.relayAddress(), "bob-secret", "alice", keyA, "10.213.98.1")),
          "bob");
      var runner = ProcessCommandRunner.direct();
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (System.nanoTime() < deadline) {
        // What the agent does every second: re-evaluate paths, apply the chosen endpoints.
        alice.refresh();
        bob.refresh();
        apply(
            backend,
            interfaceA,
            keyA,
            "10.213.98.1/32",
            51901,
            keyB,
            "10.213.97.2/32",
            alice,
            "bob");
        apply(
            backend,
            interfaceB,
            keyB,
            "10.213.96.2/32",
            51902,
            keyA,
            "10.213.98.1/32",
            bob,
            "alice");
        // Traffic for bob's address makes alice's WireGuard initiate a handshake.
        runner.run("ping", "-n", "-c", "1", "-W", "1", "10.213.97.2");
        long a = handshake(backend.peers(interfaceA), keyB.publicKeyBase64());
        long b = handshake(backend.peers(interfaceB), keyA.publicKeyBase64());
        if (a > 0 && b > 0) {
          System.out.println(
              "paths: alice " + alice.selector().paths() + "; bob " + bob.selector().paths());
          System.out.println("HANDSHAKES COMPLETE over the relay: " + a + " " + b);
          exit = 0;
          break;
        }
      }
      if (exit != 0) {
        System.out.println("no handshake; A: " + backend.peers(interfaceA));
        System.out.println("B: " + backend.peers(interfaceB));
        System.out.println(
            "paths: alice " + alice.selector().paths() + "; bob " + bob.selector().paths());
        System.out.println("relay log:\n" + testbed.log());
      }
    } finally {
      for (String name : List.of(interfaceA, interfaceB)) {
        try {
          backend.remove(name);
        } catch (RuntimeException e) {
          System.out.println("cleanup of " + name + ": " + e.getMessage());
        }
      }
    }
    System.exit(exit);
  }

  private static void apply(
      WireGuardGoBackend backend,
      String name,
      WireGuardKeyPair key,
      String address,
      int port,
      WireGuardKeyPair peerKey,
      String peerAllowed,
      PeerRouting routing,
      String peerId) {
    backend.apply(
        new InterfaceConfig(
            name,
            key.privateKeyBase64(),
            address,
            port,
            List.of(
                new WireGuardPeer(
                    peerKey.publicKeyBase64(), peerAllowed, routing.endpointFor(peerId)))));
  }

  private static HandshakeSource handshakes(WireGuardGoBackend backend, String name) {
    return () -> {
      Map<String, Instant> latest = new HashMap<>();
      if (backend.exists(name)) {
        backend
            .peers(name)
            .forEach((k, p) -> latest.put(k, Instant.ofEpochSecond(p.latestHandshake())));
      }
      return latest;
    };
  }

  private static NetworkMap map(
      String self,
      String relay,
      String credential,
      String peerId,
      WireGuardKeyPair key,
      String mesh) {
    return NetworkMap.newBuilder()
        .setSelf(PeerConfig.newBuilder().setPeerId(self))
        .addPeers(peer(peerId, key, mesh))
        .addRelays(RelayInfo.newBuilder().setAddress(relay).setCredential(credential))
        .build();
  }

  private static RemotePeer peer(String id, WireGuardKeyPair key, String mesh) {
    return RemotePeer.newBuilder()
        .setPeerId(id)
        .setWireguardPublicKey(key.publicKeyBase64())
        .setMeshAddress(mesh)
        .build();
  }

  private static long handshake(Map<String, LivePeer> peers, String key) {
    LivePeer peer = peers.get(key);
    return peer == null ? 0 : peer.latestHandshake();
  }
}
