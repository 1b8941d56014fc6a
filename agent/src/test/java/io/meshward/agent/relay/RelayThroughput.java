package io.meshward.agent.relay;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures (never asserts) one-way throughput of relayed peers on loopback: WireGuard-sized
 * datagrams into alice's proxy, through the real relay jar, out of bob's proxy. A program, not a
 * test: see docs/agent.md for the command and the figures.
 */
public final class RelayThroughput {

  private RelayThroughput() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("relay-throughput");
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", "alice-secret", "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target());
          var aliceWg = socket();
          var bobWg = socket();
          var alice = new RelayedPeers(aliceWg.getLocalPort(), RelayTestbed.FAST_RETRY, p -> {});
          var bob = new RelayedPeers(bobWg.getLocalPort(), RelayTestbed.FAST_RETRY, p -> {})) {
        alice.configure(
            "alice", List.of(new RelayAccess(relay.address(), "alice-secret")), Set.of("bob"));
        bob.configure(
            "bob", List.of(new RelayAccess(relay.address(), "bob-secret")), Set.of("alice"));
        while (alice.endpointFor("bob").isEmpty() || bob.endpointFor("alice").isEmpty()) {
          Thread.sleep(50);
        }
        String endpoint = alice.endpointFor("bob").orElseThrow();
        var target =
            new InetSocketAddress(
                "127.0.0.1", Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1)));
        AtomicLong received = new AtomicLong();
        Thread receiver =
            Thread.ofPlatform()
                .start(
                    () -> {
                      DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
                      while (!bobWg.isClosed()) {
                        try {
                          bobWg.receive(packet);
                          received.incrementAndGet();
                        } catch (SocketTimeoutException e) {
                          // keep waiting
                        } catch (Exception e) {
                          return;
                        }
                      }
                    });
        byte[] payload = new byte[size];
        DatagramPacket out = new DatagramPacket(payload, size, target);
        long sent = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
          aliceWg.send(out);
          sent++;
          if ((sent & 63) == 0) {
            Thread.onSpinWait();
          }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Thread.sleep(1000); // let the tail arrive
        long got = received.get();
        bobWg.close();
        receiver.join();
        System.out.printf(
            "packet %d B, %d s: sent %d (%.0f/s), received %d (%.0f/s, %.1f Mbit/s), lost %.1f%%%n",
            size,
            seconds,
            sent,
            sent / elapsed,
            got,
            got / elapsed,
            got * size * 8 / elapsed / 1e6,
            100.0 * (sent - got) / sent);
      }
    }
  }

  private static DatagramSocket socket() throws Exception {
    DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    socket.setSoTimeout(250);
    socket.setReceiveBufferSize(4 << 20);
    return socket;
  }
}
