package io.meshward.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@link RelayClient} against the real relay jar, watched by an on-path observer (a TCP
 * tap that records every byte): what the observer sees is useless to it.
 */
class RelayClientJarIT {

  private static final String SECRET = "alice-secret-on-the-wire";

  @TempDir Path dir;

  @BeforeEach
  void needsTheJar() {
    RelayJar.locate(); // skips, saying how to build it, when the jar is absent
  }

  @Test
  void anObserverSeesNeitherTheCredentialNorAReplayableHello() throws Exception {
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", SECRET, "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target());
          var tap = new Tap(relay.address())) {
        try (var client =
            new RelayClient(
                    new RelayAccess(tap.address(), SECRET, Optional.of(RelayControlFeed.RELAY_ID)),
                    "alice",
                    (source, packet) -> {},
                    RelayTestbed.FAST_RETRY)
                .start()) {
          Await.until("alice connected through the tap", client::isConnected);
        }
        byte[] sent = tap.fromAgent();
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(latin1(sent))
            .as("the agent sent its HELLO")
            .hasSizeGreaterThan(2 + 1 + 1 + 1 + 5 + 32 - 1)
            .doesNotContain(SECRET)
            .doesNotContain(latin1(digest))
            .doesNotContain(HexFormat.of().formatHex(digest));
        assertThat(tap.fromRelay()[2])
            .as("the relay spoke first, with a CHALLENGE")
            .isEqualTo((byte) 7);

        // The observer replays the HELLO it recorded, on a connection of its own.
        byte[] hello =
            java.util.Arrays.copyOf(sent, 2 + (((sent[0] & 0xff) << 8) | (sent[1] & 0xff)));
        try (Socket replay = new Socket("127.0.0.1", port(relay.address()))) {
          replay.setSoTimeout(30_000);
          var in = new DataInputStream(replay.getInputStream());
          RelayFrames.Frame challenge = RelayFrames.read(in);
          assertThat(challenge.type()).isEqualTo(RelayFrames.CHALLENGE);
          replay.getOutputStream().write(hello);
          RelayFrames.Frame answer = RelayFrames.read(in);
          assertThat(answer.type()).isEqualTo(RelayFrames.ERROR);
          assertThat(RelayError.of(answer.body()[0] & 0xff)).isEqualTo(RelayError.BAD_CREDENTIAL);
          assertThat(RelayFrames.read(in)).as("closed").isNull();
        }
      }
    }
  }

  @Test
  void aRelayCallingItselfByAnotherIdThanTheMapsGetsNoHello() throws Exception {
    try (var feed = new RelayControlFeed()) {
      feed.publish(1, List.of("alice:bob"), "alice", SECRET, "bob", "bob-secret");
      try (var relay = RelayJar.start(dir, feed.target());
          var tap = new Tap(relay.address());
          var client =
              new RelayClient(
                      new RelayAccess(tap.address(), SECRET, Optional.of("some-other-relay")),
                      "alice",
                      (source, packet) -> {},
                      RelayTestbed.FAST_RETRY)
                  .start()) {
        Await.until("refused", () -> client.status().state() == RelayStatus.State.REFUSED);
        assertThat(client.status().detail())
            .contains("calls itself '" + RelayControlFeed.RELAY_ID + "'")
            .contains("some-other-relay");
        assertThat(tap.fromAgent()).as("not one byte for a relay of another id").isEmpty();
      }
    }
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** Forwards TCP connections to the relay, recording both directions. */
  private static final class Tap implements AutoCloseable {
    private final ServerSocket server;
    private final int relayPort;
    private final ByteArrayOutputStream fromAgent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream fromRelay = new ByteArrayOutputStream();

    Tap(String relayAddress) throws IOException {
      relayPort = port(relayAddress);
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::acceptLoop);
    }

    String address() {
      return "127.0.0.1:" + server.getLocalPort();
    }

    byte[] fromAgent() {
      synchronized (fromAgent) {
        return fromAgent.toByteArray();
      }
    }

    byte[] fromRelay() {
      synchronized (fromRelay) {
        return fromRelay.toByteArray();
      }
    }

    private void acceptLoop() {
      try {
        while (true) {
          Socket agent = server.accept();
          Socket upstream = new Socket("127.0.0.1", relayPort);
          Thread.ofVirtual().start(() -> pump(agent, upstream, fromAgent));
          Thread.ofVirtual().start(() -> pump(upstream, agent, fromRelay));
        }
      } catch (IOException e) {
        // closed
      }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
      byte[] buffer = new byte[4096];
      try (from;
          to) {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (record) {
            record.write(buffer, 0, n);
          }
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // either side hung up
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Bytes as one char each, so a byte sequence can be searched like text. */
  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
