package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.Eventually;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.testing.TestRelays;
import java.io.DataInputStream;
import java.net.Socket;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The byte-level example in docs/relay-protocol.md, replayed against a real relay. */
class RelayProtocolExampleTest {

  @Test
  void theDocumentedExchangeIsWhatTheRelayDoes() throws Exception {
    try (var coordinator = FakeCoordinator.start()) {
      coordinator.publish(
          snapshot(1)
              .pair("alice", "bob")
              .credential("alice", "s3cret")
              .credential("bob", "bob-secret")
              .build());
      try (var relay = TestRelays.start(TestRelays.settings(coordinator.target()))) {
        Eventually.until("snapshot", () -> relay.snapshotSerial() == 1);
        try (var bob = AgentClient.connect(relay.address());
            var alice = new Socket("127.0.0.1", relay.address().getPort())) {
          assertThat(bob.hello("bob", "bob-secret").type()).isEqualTo(AgentClient.HELLO_OK);
          alice.setSoTimeout(10_000);
          var in = new DataInputStream(alice.getInputStream());
          alice.getOutputStream().write(hex("00 0f 01 01 05 61 6c 69 63 65 06 73 33 63 72 65 74"));
          byte[] helloOk = new byte[6];
          in.readFully(helloOk);
          assertThat(HexFormat.of().formatHex(helloOk)).isEqualTo("000402010800");
          alice.getOutputStream().write(hex("00 08 03 03 62 6f 62 aa bb cc"));
          assertThat(HexFormat.of().formatHex(bob.readRaw(12)))
              .isEqualTo("000a030561" + "6c696365aabbcc");
        }
      }
    }
  }

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }
}
