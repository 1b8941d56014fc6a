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
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the handshake against a relay scripted byte by byte on a loopback socket,
 * written from docs/relay-protocol.md alone — including CHALLENGEs no real relay sends. (The real
 * relay jar is exercised by {@link RelayClientJarIT} and {@link RelayedPeersJarIT}.)
 */
class RelayClientTest {

  private static final String CREDENTIAL = "alice-credential-7f3a9c";

  private ServerSocket relay;
  private final List<RelayStatus> statuses = new CopyOnWriteArrayList<>();
  private final List<String> packets = new CopyOnWriteArrayList<>();

  @BeforeEach
  void listen() throws IOException {
    relay = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    relay.setSoTimeout(30_000);
  }

  @AfterEach
  void stop() throws IOException {
    relay.close();
  }

  @Test
  void answersTheChallengeWithAProofAndNeverSendsTheCredential() throws Exception {
    try (var client = client(Optional.empty());
        Socket connection = accept()) {
      Recording from = new Recording(connection.getInputStream());
      byte[] nonce = new byte[32];
      new SecureRandom().nextBytes(nonce);
      send(connection, challenge(2, nonce, "relay-7"));

      byte[] hello = from.frame();
      assertThat(hello[2]).as("type").isEqualTo((byte) 0x01);
      assertThat(hello[3]).as("version").isEqualTo((byte) 2);
      assertThat(hello[4]).as("peer id length").isEqualTo((byte) 5);
      assertThat(new String(hello, 5, 5, StandardCharsets.UTF_8)).isEqualTo("alice");
      assertThat(Arrays.copyOfRange(hello, 10, hello.length))
          .as("the proof, and nothing after it")
          .isEqualTo(proof(CREDENTIAL, "relay-7", nonce, "alice"));

      send(connection, HexFormat.of().parseHex("0004020208" + "00"));
      Await.until("connected", client::isConnected);
      send(connection, HexFormat.of().parseHex("0007" + "03" + "03626f62" + "cafe"));
      Await.until("packet from bob", () -> packets.contains("bob:cafe"));
      assertThat(client.send(RelayFrames.peerId("bob"), new byte[] {1, 2, 3}, 0, 3)).isTrue();
      assertThat(from.frame())
          .isEqualTo(HexFormat.of().parseHex("0008" + "03" + "03626f62" + "010203"));

      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(CREDENTIAL.getBytes(StandardCharsets.UTF_8));
      byte[] sent = from.all();
      assertThat(latin1(sent))
          .doesNotContain(CREDENTIAL)
          .doesNotContain(latin1(digest))
          .doesNotContain(HexFormat.of().formatHex(digest));
    }
  }

  @Test
  void aMalformedChallengeEndsTheAttemptBeforeAnythingIsSent() throws Exception {
    byte[] nonce = new byte[32];
    byte[] good = challenge(2, nonce, "relay-7");
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    truncated[1]--;
    byte[] overlong = Arrays.copyOf(good, good.length + 1);
    overlong[1]++;
    byte[] shortNonce = Arrays.copyOf(good, 2 + 1 + 1 + 31);
    shortNonce[1] = (byte) (1 + 1 + 31);
    byte[] oversize = HexFormat.of().parseHex("0fff07020001");
    byte[] noRelayId = challenge(2, nonce, "");
    byte[][] scripts = {truncated, overlong, shortNonce, oversize, noRelayId, error(9)};
    try (var client = client(Optional.empty())) {
      for (byte[] script : scripts) {
        try (Socket connection = accept()) {
          send(connection, script);
          assertThat(connection.getInputStream().read())
              .as("the client hangs up without sending a byte after %s", hex(script))
              .isEqualTo(-1);
        }
      }
      Await.until("every attempt reported", () -> waiting().size() >= scripts.length);
      assertThat(waiting())
          .anyMatch(d -> d.contains("malformed CHALLENGE (40 bytes with a relay id of 7)"))
          .anyMatch(d -> d.contains("malformed CHALLENGE (42 bytes with a relay id of 7)"))
          .anyMatch(d -> d.contains("truncated CHALLENGE (32 bytes"))
          .anyMatch(d -> d.contains("malformed CHALLENGE (34 bytes with a relay id of 0)"))
          .anyMatch(d -> d.contains("frame of length 4095"))
          .anyMatch(d -> d.contains("SHUTTING_DOWN"))
          .allMatch(d -> d.contains("reconnecting in"))
          .noneMatch(d -> d.contains(CREDENTIAL));
      assertThat(client.isConnected()).isFalse();
    }
  }

  @Test
  void aChallengeOfAnotherVersionIsRefusedUntilANewMap() throws Exception {
    try (var client = client(Optional.empty())) {
      try (Socket connection = accept()) {
        send(connection, challenge(3, new byte[32], "relay-7"));
        assertThat(connection.getInputStream().read()).isEqualTo(-1);
      }
      Await.until("refused", () -> client.status().state() == RelayStatus.State.REFUSED);
      assertThat(client.status().error()).contains(RelayError.UNSUPPORTED_VERSION);
      assertThat(client.status().detail()).contains("protocol version 3").contains("upgrade");
    }
  }

  @Test
  void aRelayThatRefusesTheHelloVersionIsNotRetriedInALoop() throws Exception {
    try (var client = client(Optional.empty());
        Socket connection = accept()) {
      Recording from = new Recording(connection.getInputStream());
      send(connection, challenge(2, new byte[32], "relay-7"));
      from.frame();
      send(connection, error(10));
      Await.until("refused", () -> client.status().state() == RelayStatus.State.REFUSED);
      assertThat(client.status().error()).contains(RelayError.UNSUPPORTED_VERSION);
    }
  }

  @Test
  void whenTheMapNamesTheRelayTheChallengeMustNameItToo() throws Exception {
    try (var client = client(Optional.of("relay-7"))) {
      try (Socket impostor = accept()) {
        send(impostor, challenge(2, new byte[32], "relay-8"));
        assertThat(impostor.getInputStream().read())
            .as("no HELLO for the wrong relay")
            .isEqualTo(-1);
      }
      Await.until("refused", () -> client.status().state() == RelayStatus.State.REFUSED);
      assertThat(client.status().detail())
          .contains("calls itself 'relay-8'")
          .contains("names 'relay-7'")
          .doesNotContain(CREDENTIAL);

      client.retry(); // a new map arrived
      try (Socket genuine = accept()) {
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        send(genuine, challenge(2, nonce, "relay-7"));
        byte[] hello = new Recording(genuine.getInputStream()).frame();
        assertThat(Arrays.copyOfRange(hello, 10, hello.length))
            .isEqualTo(proof(CREDENTIAL, "relay-7", nonce, "alice"));
      }
    }
  }

  private RelayClient client(Optional<String> relayId) {
    return new RelayClient(
            new RelayAccess("127.0.0.1:" + relay.getLocalPort(), CREDENTIAL, relayId),
            "alice",
            new RelayListener() {
              @Override
              public void packet(String source, byte[] packet) {
                packets.add(source + ":" + HexFormat.of().formatHex(packet));
              }

              @Override
              public void status(RelayStatus status) {
                statuses.add(status);
              }
            },
            RelayTestbed.FAST_RETRY)
        .start();
  }

  private Socket accept() throws IOException {
    Socket socket = relay.accept();
    socket.setSoTimeout(30_000);
    return socket;
  }

  private List<String> waiting() {
    return statuses.stream()
        .filter(s -> s.state() == RelayStatus.State.WAITING)
        .map(RelayStatus::detail)
        .toList();
  }

  private static void send(Socket socket, byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** A CHALLENGE frame as the document lays it out. */
  private static byte[] challenge(int version, byte[] nonce, String relayId) {
    byte[] id = relayId.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x07);
    body.write(version);
    body.writeBytes(nonce);
    body.write(id.length);
    body.writeBytes(id);
    return framed(body.toByteArray());
  }

  private static byte[] error(int code) {
    return framed(new byte[] {0x04, (byte) code, 'x'});
  }

  private static byte[] framed(byte[] typeAndBody) {
    byte[] frame = new byte[2 + typeAndBody.length];
    frame[0] = (byte) (typeAndBody.length >>> 8);
    frame[1] = (byte) typeAndBody.length;
    System.arraycopy(typeAndBody, 0, frame, 2, typeAndBody.length);
    return frame;
  }

  /** The document's proof, computed here without the agent's code. */
  private static byte[] proof(String credential, String relayId, byte[] nonce, String peer)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            MessageDigest.getInstance("SHA-256")
                .digest(credential.getBytes(StandardCharsets.UTF_8)),
            "HmacSHA256"));
    for (byte[] field :
        new byte[][] {
          "meshward relay hello v2".getBytes(StandardCharsets.US_ASCII),
          relayId.getBytes(StandardCharsets.UTF_8),
          nonce,
          peer.getBytes(StandardCharsets.UTF_8)
        }) {
      mac.update((byte) field.length);
      mac.update(field);
    }
    return mac.doFinal();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 8)) + "...";
  }

  /** Reads whole frames from the client, keeping every byte it sent. */
  private static final class Recording {
    private final DataInputStream in;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();

    Recording(InputStream in) {
      this.in = new DataInputStream(in);
    }

    byte[] frame() throws IOException {
      int length = in.readUnsignedShort();
      byte[] frame = new byte[2 + length];
      frame[0] = (byte) (length >>> 8);
      frame[1] = (byte) length;
      in.readFully(frame, 2, length);
      all.writeBytes(frame);
      return frame;
    }

    byte[] all() {
      return all.toByteArray();
    }
  }

  /** Bytes as one char each, so a byte sequence can be searched like text. */
  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
