package io.meshward.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relayed peers end to end on loopback: the real relay jar as its own process, fed by a real gRPC
 * {@code RelayControl} feed; on each side a {@link RelayedPeers} (relay client and proxies) and a
 * UDP socket standing in for that device's WireGuard listen port.
 */
class RelayedPeersJarIT {

  private static final RelayClient.Timing FAST_RETRY = RelayTestbed.FAST_RETRY;

  @TempDir Path dir;

  private final List<Device> devices = new ArrayList<>();
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Logger relayLogger = Logger.getLogger("io.meshward.agent.relay");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    RelayJar.locate(); // skips, saying how to build it, when the jar is absent
    relayLogger.addHandler(capture);
  }

  @AfterEach
  void closeDevices() {
    devices.forEach(Device::close);
    relayLogger.removeHandler(capture);
  }

  @Test
  void packetsCrossTheRelayUnchangedInBothDirections() throws Exception {
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", "alice-secret", "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target())) {
        Device alice = device("alice", "alice-secret", relay, "bob");
        Device bob = device("bob", "bob-secret", relay, "alice");
        String aliceToBob = alice.awaitEndpointFor("bob");
        String bobToAlice = bob.awaitEndpointFor("alice");

        byte[] handshake = random(148);
        byte[] fullSize = random(1452);
        for (byte[] packet : List.of(handshake, fullSize)) {
          DatagramPacket received = alice.sendUntil(aliceToBob, packet, bob);
          assertThat(Arrays.copyOf(received.getData(), received.getLength())).isEqualTo(packet);
          assertThat(received.getPort())
              .as("WireGuard sees the packet come from alice's proxy on bob's side")
              .isEqualTo(port(bobToAlice));
        }
        byte[] reply = random(92);
        DatagramPacket back = bob.sendUntil(bobToAlice, reply, alice);
        assertThat(Arrays.copyOf(back.getData(), back.getLength())).isEqualTo(reply);
        assertThat(back.getPort()).isEqualTo(port(aliceToBob));
        assertThat(bob.reachedViaRelay).contains("alice");
      }
    }
    assertCredentialsNeverLogged();
  }

  @Test
  void revokingThePairStopsDeliveryEvenForAgentsThatIgnoreIt() throws Exception {
    try (var feed = new RelayControlFeed()) {
      String[] credentials = {
        "alice", "alice-secret", "bob", "bob-secret", "carol", "carol-secret"
      };
      feed.publish(1, List.of("alice:bob"), credentials);
      try (var relay = RelayJar.start(dir, feed.target())) {
        // Tampered agents: each keeps every other peer, whatever the coordinator says later.
        Device alice = device("alice", "alice-secret", relay, "bob", "carol");
        Device bob = device("bob", "bob-secret", relay, "alice", "carol");
        Device carol = device("carol", "carol-secret", relay, "alice", "bob");
        String aliceToBob = alice.awaitEndpointFor("bob");
        String aliceToCarol = alice.awaitEndpointFor("carol");
        String carolToBob = carol.awaitEndpointFor("bob");
        bob.awaitEndpointFor("alice");
        bob.awaitEndpointFor("carol");
        carol.awaitEndpointFor("alice");
        alice.sendUntil(aliceToBob, bytes("allowed while the pair is listed"), bob);

        feed.publish(2, List.of("alice:carol", "carol:bob"), credentials);
        // alice-carol exists only in snapshot 2: once carol hears alice, the relay enforces it.
        alice.sendUntil(aliceToCarol, bytes("snapshot 2 is in force"), carol);

        byte[] forbidden = bytes("must not reach bob");
        alice.wireGuard.send(new DatagramPacket(forbidden, forbidden.length, address(aliceToBob)));
        // The relay handles alice's frames in order: when this marker reaches carol, the
        // forbidden frame was decided. Carol's marker to bob then follows anything the relay
        // could have sent bob for it.
        alice.sendUntil(aliceToCarol, bytes("after the forbidden packet"), carol);
        byte[] marker = bytes("carol's marker");
        carol.wireGuard.send(new DatagramPacket(marker, marker.length, address(carolToBob)));
        List<String> seenByBob = bob.readUntil(marker);
        assertThat(seenByBob).doesNotContain("must not reach bob");
      }
    }
  }

  @Test
  void aWrongCredentialIsRefusedClearlyAndNotRetriedInALoop() throws Exception {
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", "alice-secret", "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target())) {
        List<RelayStatus> seen = new CopyOnWriteArrayList<>();
        try (var client =
            new RelayClient(
                    new RelayAccess(relay.address(), "guessed-secret"),
                    "alice",
                    new RelayListener() {
                      @Override
                      public void packet(String source, byte[] packet) {}

                      @Override
                      public void status(RelayStatus status) {
                        seen.add(status);
                      }
                    },
                    FAST_RETRY)
                .start()) {
          Await.until("refused", () -> client.status().state() == RelayStatus.State.REFUSED);
          assertThat(client.status().error()).contains(RelayError.BAD_CREDENTIAL);
          assertThat(client.status().detail())
              .contains("BAD_CREDENTIAL")
              .contains("waiting for a new network map")
              .doesNotContain("guessed-secret");
          assertThat(client.isConnected()).isFalse();
          assertThat(client.send(new byte[] {'b', 'o', 'b'}, new byte[] {1}, 0, 1)).isFalse();
          // Refused means parked: no reconnection attempts until retry() (a new map).
          long attempts =
              seen.stream().filter(s -> s.state() == RelayStatus.State.CONNECTING).count();
          assertThat(attempts).isEqualTo(1);
          client.retry();
          Await.until(
              "second refusal",
              () -> seen.stream().filter(s -> s.state() == RelayStatus.State.REFUSED).count() == 2);
        }
      }
    }
    assertThat(logged).isNotEmpty();
    assertThat(logged.stream().map(r -> String.valueOf(r.getMessage())))
        .noneMatch(m -> m.contains("guessed-secret"));
  }

  @Test
  void aRefusedRelayCarriesNothingUntilAMapBringsAWorkingCredential() throws Exception {
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", "alice-secret", "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target())) {
        Device alice = device("alice", "stale-secret", relay, "bob");
        Await.until(
            "refused",
            () ->
                alice
                    .peers
                    .relayStatus()
                    .map(s -> s.state() == RelayStatus.State.REFUSED)
                    .orElse(false));
        assertThat(alice.peers.endpointFor("bob")).isEmpty();

        alice.peers.configure(
            "alice", List.of(new RelayAccess(relay.address(), "alice-secret")), Set.of("bob"));
        Await.until("connected with the new credential", alice::isConnected);
        assertThat(alice.peers.endpointFor("bob")).isPresent();
      }
    }
    assertCredentialsNeverLogged();
  }

  @Test
  void framesFromPeersOutsideTheCurrentMapAreDroppedByTheAgentToo() throws Exception {
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", "alice-secret", "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target())) {
        Device alice = device("alice", "alice-secret", relay, "bob");
        Device bob = device("bob", "bob-secret", relay, "carol"); // bob's map has no alice
        String aliceToBob = alice.awaitEndpointFor("bob");
        Await.until("bob connected", bob::isConnected);
        byte[] packet = bytes("from a peer bob's map does not list");
        Await.until(
            "dropped at bob's agent",
            () -> {
              try {
                alice.wireGuard.send(
                    new DatagramPacket(packet, packet.length, address(aliceToBob)));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return bob.peers.droppedFromUnknownPeers() > 0;
            });
        assertThat(bob.peers.endpointFor("alice")).isEmpty();
        assertThat(bob.reachedViaRelay).isEmpty();
      }
    }
  }

  @Test
  void afterARelayRestartTheClientsReconnectAndTrafficResumes() throws Exception {
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", "alice-secret", "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target())) {
        Device alice = device("alice", "alice-secret", relay, "bob");
        Device bob = device("bob", "bob-secret", relay, "alice");
        String aliceToBob = alice.awaitEndpointFor("bob");
        bob.awaitEndpointFor("alice");
        alice.sendUntil(aliceToBob, bytes("before the restart"), bob);

        relay.stop();
        Await.until("alice noticed", () -> !alice.isConnected());
        Await.until("bob noticed", () -> !bob.isConnected());
        assertThat(alice.peers.relayStatus().orElseThrow().state())
            .isIn(RelayStatus.State.WAITING, RelayStatus.State.CONNECTING);

        relay.restart();
        Await.until("alice back", alice::isConnected);
        Await.until("bob back", bob::isConnected);
        assertThat(alice.peers.endpointFor("bob")).contains(aliceToBob);
        DatagramPacket received = alice.sendUntil(aliceToBob, bytes("after the restart"), bob);
        assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.UTF_8))
            .isEqualTo("after the restart");
      }
    }
    assertCredentialsNeverLogged();
  }

  private void assertCredentialsNeverLogged() {
    assertThat(logged.stream().map(r -> String.valueOf(r.getMessage())))
        .isNotEmpty()
        .noneMatch(m -> m.contains("-secret"));
  }

  private Device device(String id, String secret, RelayJar relay, String... peers)
      throws Exception {
    Device device = new Device(id, secret, relay.address(), Set.of(peers));
    devices.add(device);
    return device;
  }

  private static InetSocketAddress address(String endpoint) {
    return new InetSocketAddress("127.0.0.1", port(endpoint));
  }

  private static int port(String endpoint) {
    return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One device: its WireGuard port (a UDP socket) and its relayed peers. */
  private static final class Device {
    final DatagramSocket wireGuard;
    final RelayedPeers peers;
    final List<String> reachedViaRelay = new CopyOnWriteArrayList<>();

    Device(String id, String secret, String relayAddress, Set<String> peerIds) throws Exception {
      wireGuard = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      wireGuard.setSoTimeout(250);
      peers = new RelayedPeers(wireGuard.getLocalPort(), FAST_RETRY, reachedViaRelay::add);
      peers.configure(id, List.of(new RelayAccess(relayAddress, secret)), peerIds);
    }

    boolean isConnected() {
      return peers.relayStatus().map(s -> s.state() == RelayStatus.State.CONNECTED).orElse(false);
    }

    String awaitEndpointFor(String peer) throws InterruptedException {
      Await.until("relay endpoint for " + peer, () -> peers.endpointFor(peer).isPresent());
      return peers.endpointFor(peer).orElseThrow();
    }

    /**
     * Sends {@code packet} to a proxy until {@code receiver}'s WireGuard port gets it (UDP and the
     * relay may drop; WireGuard would resend too) and returns what arrived.
     */
    DatagramPacket sendUntil(String proxyEndpoint, byte[] packet, Device receiver)
        throws Exception {
      for (int attempt = 0; attempt < 240; attempt++) {
        wireGuard.send(new DatagramPacket(packet, packet.length, address(proxyEndpoint)));
        Optional<DatagramPacket> received = receiver.receiveMatching(packet);
        if (received.isPresent()) {
          return received.get();
        }
      }
      throw new AssertionError("the packet never arrived");
    }

    private Optional<DatagramPacket> receiveMatching(byte[] expected) throws Exception {
      while (true) {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        try {
          wireGuard.receive(packet);
        } catch (SocketTimeoutException e) {
          return Optional.empty();
        }
        if (Arrays.equals(Arrays.copyOf(packet.getData(), packet.getLength()), expected)) {
          return Optional.of(packet);
        }
      }
    }

    /** Everything that arrives until {@code marker}, as text. */
    List<String> readUntil(byte[] marker) throws Exception {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 240; i++) {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        try {
          wireGuard.receive(packet);
        } catch (SocketTimeoutException e) {
          continue;
        }
        byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
        if (Arrays.equals(data, marker)) {
          return seen;
        }
        seen.add(new String(data, StandardCharsets.UTF_8));
      }
      throw new AssertionError("the marker never arrived; seen " + seen);
    }

    void close() {
      peers.close();
      wireGuard.close();
    }
  }
}
