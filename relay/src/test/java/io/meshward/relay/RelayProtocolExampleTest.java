package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.protocol.relay.HelloProof;
import io.meshward.relay.session.Challenges;
import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.Eventually;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.testing.TestRelays;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The byte-level example in docs/relay-protocol.md, replayed against a real relay whose nonces are
 * the document's fixed bytes (a real relay draws them from SecureRandom).
 */
class RelayProtocolExampleTest {

  static final String CHALLENGE =
      "00 2a 07 02 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19"
          + " 1a 1b 1c 1d 1e 1f 07 72 65 6c 61 79 2d 31";
  static final String HELLO =
      "00 28 01 02 05 61 6c 69 63 65 6e 8d c8 48 a2 08 28 80 b7 08 4b 8a f4 c6 8c 56 06 2b c5 f3"
          + " 1c 97 ab 92 68 51 b7 40 aa f4 c6 52";
  static final String PROOF = "6e8dc848a2082880b7084b8af4c68c56062bc5f31c97ab926851b740aaf4c652";

  @Test
  void theDocumentedExchangeIsWhatTheRelayDoes() throws Exception {
    try (var coordinator = FakeCoordinator.start()) {
      coordinator.publish(
          snapshot(1)
              .pair("alice", "bob")
              .credential("alice", "s3cret")
              .credential("bob", "bob-secret")
              .build());
      Challenges documented = new Challenges("relay-1", RelayProtocolExampleTest::documentedNonce);
      try (var relay = Relay.start(TestRelays.settings(coordinator.target()), documented)) {
        Eventually.until("snapshot", () -> relay.snapshotSerial() == 1);
        try (var bob = AgentClient.connect(relay.address());
            var alice = new Socket("127.0.0.1", relay.address().getPort())) {
          assertThat(bob.hello("bob", "bob-secret").type()).isEqualTo(AgentClient.HELLO_OK);
          alice.setSoTimeout(10_000);
          var in = new DataInputStream(alice.getInputStream());
          byte[] challenge = new byte[44];
          in.readFully(challenge);
          assertThat(challenge).isEqualTo(hex(CHALLENGE));
          alice.getOutputStream().write(hex(HELLO));
          byte[] helloOk = new byte[6];
          in.readFully(helloOk);
          assertThat(HexFormat.of().formatHex(helloOk)).isEqualTo("000402020800");
          alice.getOutputStream().write(hex("00 08 03 03 62 6f 62 aa bb cc"));
          assertThat(HexFormat.of().formatHex(bob.readRaw(12)))
              .isEqualTo("000a030561" + "6c696365aabbcc");
        }
      }
    }
  }

  @Test
  void theRelaysProofIsTheDocumentedOneAndTheIndependentTestClientsToo() {
    byte[] key = HexFormat.of().parseHex(FakeCoordinator.sha256Hex("s3cret"));
    byte[] nonce = new byte[32];
    documentedNonce(nonce);
    byte[] relays =
        HelloProof.compute(
            key,
            "relay-1".getBytes(StandardCharsets.UTF_8),
            nonce,
            "alice".getBytes(StandardCharsets.UTF_8));
    assertThat(HexFormat.of().formatHex(relays)).isEqualTo(PROOF);
    assertThat(AgentClient.proof("s3cret", "relay-1", nonce, "alice")).isEqualTo(relays);
  }

  private static void documentedNonce(byte[] nonce) {
    for (int i = 0; i < nonce.length; i++) {
      nonce[i] = (byte) i;
    }
  }

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }
}
