package io.meshward.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.protocol.relay.HelloProof;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The byte-level example of docs/relay-protocol.md, from the client's side. */
class RelayFramesTest {

  /** The document's CHALLENGE: relay "relay-1", nonce 00 01 .. 1f. */
  static final String CHALLENGE =
      "00 2a 07 02 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19"
          + " 1a 1b 1c 1d 1e 1f 07 72 65 6c 61 79 2d 31";

  /** The document's answer of "alice" with credential "s3cret". */
  static final String HELLO =
      "00 28 01 02 05 61 6c 69 63 65 6e 8d c8 48 a2 08 28 80 b7 08 4b 8a f4 c6 8c 56 06 2b c5 f3"
          + " 1c 97 ab 92 68 51 b7 40 aa f4 c6 52";

  /** The document's HMAC message: label, relay id, nonce, peer id, each after its u8 length. */
  static final String MESSAGE =
      "17 6d 65 73 68 77 61 72 64 20 72 65 6c 61 79 20 68 65 6c 6c 6f 20 76 32"
          + " 07 72 65 6c 61 79 2d 31"
          + " 20 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a"
          + " 1b 1c 1d 1e 1f"
          + " 05 61 6c 69 63 65";

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  private static RelayFrames.Challenge documentedChallenge() throws IOException {
    RelayFrames.Frame frame =
        RelayFrames.read(new DataInputStream(new ByteArrayInputStream(hex(CHALLENGE))));
    assertThat(frame.type()).isEqualTo(RelayFrames.CHALLENGE);
    return RelayFrames.parseChallenge(frame.body());
  }

  @Test
  void theDocumentedChallengeIsUnderstood() throws IOException {
    RelayFrames.Challenge challenge = documentedChallenge();
    assertThat(challenge.relayId()).isEqualTo("relay-1");
    assertThat(challenge.nonce())
        .isEqualTo(hex("000102030405060708090a0b0c0d0e0f" + "101112131415161718191a1b1c1d1e1f"));
  }

  @Test
  void helloIsTheDocumentedBytes() throws IOException {
    assertThat(RelayFrames.hello("alice", "s3cret", documentedChallenge())).isEqualTo(hex(HELLO));
  }

  @Test
  void theProofBindsRelayNonceAndPeer() throws Exception {
    RelayFrames.Challenge c = documentedChallenge();
    byte[] id = RelayFrames.peerId("alice");
    byte[] proof = HelloProof.fromCredential("s3cret", c.relayIdBytes(), c.nonce(), id);
    assertThat(HexFormat.of().formatHex(proof))
        .isEqualTo("6e8dc848a2082880b7084b8af4c68c56062bc5f31c97ab926851b740aaf4c652");
    byte[] otherNonce = c.nonce().clone();
    otherNonce[31] ^= 1;
    assertThat(HelloProof.fromCredential("s3cret", c.relayIdBytes(), otherNonce, id))
        .isNotEqualTo(proof);
    assertThat(
            HelloProof.fromCredential(
                "s3cret", "relay-2".getBytes(StandardCharsets.UTF_8), c.nonce(), id))
        .isNotEqualTo(proof);
    assertThat(
            HelloProof.fromCredential(
                "s3cret", c.relayIdBytes(), c.nonce(), RelayFrames.peerId("alicf")))
        .isNotEqualTo(proof);
    assertThat(HelloProof.fromCredential("s3creT", c.relayIdBytes(), c.nonce(), id))
        .isNotEqualTo(proof);
    // the message is exactly the document's length-prefixed layout
    var mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest("s3cret".getBytes(StandardCharsets.UTF_8)),
            "HmacSHA256"));
    assertThat(mac.doFinal(hex(MESSAGE))).isEqualTo(proof);
  }

  @Test
  void aHelloCarriesNeitherTheCredentialNorItsDigest() throws Exception {
    String credential = "a-credential-worth-stealing";
    byte[] hello = RelayFrames.hello("alice", credential, documentedChallenge());
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(credential.getBytes(StandardCharsets.UTF_8));
    String wire = HexFormat.of().formatHex(hello);
    assertThat(wire)
        .doesNotContain(HexFormat.of().formatHex(credential.getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(HexFormat.of().formatHex(digest));
  }

  @Test
  void malformedChallengesAreRefused() {
    byte[] good = hex(CHALLENGE.substring(9)); // the body, after length and type
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    byte[] overlong = java.util.Arrays.copyOf(good, good.length + 1);
    byte[] shortNonce = java.util.Arrays.copyOf(good, 1 + 31);
    byte[] noRelayId = java.util.Arrays.copyOf(good, 1 + 32 + 1);
    byte[] notUtf8 = good.clone();
    notUtf8[notUtf8.length - 1] = (byte) 0xff;
    for (byte[] body : new byte[][] {truncated, overlong, shortNonce, noRelayId, new byte[] {2}}) {
      assertThatThrownBy(() -> RelayFrames.parseChallenge(body))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("CHALLENGE");
    }
    assertThatThrownBy(() -> RelayFrames.parseChallenge(notUtf8)).hasMessageContaining("UTF-8");
  }

  @Test
  void dataToAPeerIsTheDocumentedBytes() {
    byte[] packet = hex("00 aa bb cc 00");
    assertThat(RelayFrames.data(RelayFrames.peerId("bob"), packet, 1, 3))
        .isEqualTo(hex("00 08 03 03 62 6f 62 aa bb cc"));
  }

  @Test
  void framesFromTheRelayAreReadAcrossArbitraryBoundaries() throws IOException {
    byte[] stream = hex("00 04 02 02 08 00" + "00 0a 03 05 61 6c 69 63 65 aa bb cc" + "00 01 06");
    var in = new DataInputStream(new ByteArrayInputStream(stream));
    RelayFrames.Frame helloOk = RelayFrames.read(in);
    assertThat(helloOk.type()).isEqualTo(RelayFrames.HELLO_OK);
    assertThat(helloOk.body()).isEqualTo(hex("02 08 00"));
    RelayFrames.Frame data = RelayFrames.read(in);
    RelayFrames.Data parsed = RelayFrames.parseData(data.body());
    assertThat(parsed.sourcePeerId()).isEqualTo("alice");
    assertThat(parsed.packet()).isEqualTo(hex("aa bb cc"));
    assertThat(RelayFrames.read(in).type()).isEqualTo(RelayFrames.PONG);
    assertThat(RelayFrames.read(in)).as("clean end of stream").isNull();
  }

  @Test
  void limitsAreEnforcedBeforeAnythingIsSent() throws IOException {
    assertThatThrownBy(() -> RelayFrames.peerId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelayFrames.peerId("x".repeat(129)))
        .hasMessageContaining("1-128 bytes");
    byte[] id = RelayFrames.peerId("bob");
    assertThatThrownBy(() -> RelayFrames.data(id, new byte[2049], 0, 2049))
        .hasMessageContaining("1-2048");
    assertThat(RelayFrames.data(id, new byte[2048], 0, 2048)).hasSize(2 + 1 + 1 + 3 + 2048);
    RelayFrames.Challenge challenge = documentedChallenge();
    assertThatThrownBy(() -> RelayFrames.hello("x".repeat(129), "s3cret", challenge))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBrokenStreamFromTheRelayIsAnError() {
    var zeroLength = new DataInputStream(new ByteArrayInputStream(hex("00 00")));
    assertThatThrownBy(() -> RelayFrames.read(zeroLength)).isInstanceOf(IOException.class);
    var oversize = new DataInputStream(new ByteArrayInputStream(hex("08 83 07")));
    assertThatThrownBy(() -> RelayFrames.read(oversize)).hasMessageContaining("2179");
    assertThatThrownBy(() -> RelayFrames.parseData(hex("00 aa"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> RelayFrames.parseData(hex("03 62 6f 62")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void errorCodesMapToTheirNamesAndRetryAdvice() {
    assertThat(RelayError.of(1)).isEqualTo(RelayError.BAD_CREDENTIAL);
    assertThat(RelayError.of(7).waitForNewMap()).isTrue();
    assertThat(RelayError.of(9).waitForNewMap()).isFalse();
    assertThat(RelayError.of(10).meaning()).contains("upgrade");
    assertThat(RelayError.of(200)).isEqualTo(RelayError.UNKNOWN);
  }
}
