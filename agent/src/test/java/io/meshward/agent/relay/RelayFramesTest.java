package io.meshward.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The byte-level example of docs/relay-protocol.md, from the client's side. */
class RelayFramesTest {

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  @Test
  void helloIsTheDocumentedBytes() {
    assertThat(RelayFrames.hello("alice", "s3cret"))
        .isEqualTo(hex("00 0f 01 01 05 61 6c 69 63 65 06 73 33 63 72 65 74"));
  }

  @Test
  void dataToAPeerIsTheDocumentedBytes() {
    byte[] packet = hex("00 aa bb cc 00");
    assertThat(RelayFrames.data(RelayFrames.peerId("bob"), packet, 1, 3))
        .isEqualTo(hex("00 08 03 03 62 6f 62 aa bb cc"));
  }

  @Test
  void framesFromTheRelayAreReadAcrossArbitraryBoundaries() throws IOException {
    byte[] stream = hex("00 04 02 01 08 00" + "00 0a 03 05 61 6c 69 63 65 aa bb cc" + "00 01 06");
    var in = new DataInputStream(new ByteArrayInputStream(stream));
    RelayFrames.Frame helloOk = RelayFrames.read(in);
    assertThat(helloOk.type()).isEqualTo(RelayFrames.HELLO_OK);
    assertThat(helloOk.body()).isEqualTo(hex("01 08 00"));
    RelayFrames.Frame data = RelayFrames.read(in);
    RelayFrames.Data parsed = RelayFrames.parseData(data.body());
    assertThat(parsed.sourcePeerId()).isEqualTo("alice");
    assertThat(parsed.packet()).isEqualTo(hex("aa bb cc"));
    assertThat(RelayFrames.read(in).type()).isEqualTo(RelayFrames.PONG);
    assertThat(RelayFrames.read(in)).as("clean end of stream").isNull();
  }

  @Test
  void limitsAreEnforcedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> RelayFrames.peerId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelayFrames.peerId("x".repeat(129)))
        .hasMessageContaining("1-128 bytes");
    byte[] id = RelayFrames.peerId("bob");
    assertThatThrownBy(() -> RelayFrames.data(id, new byte[2049], 0, 2049))
        .hasMessageContaining("1-2048");
    assertThat(RelayFrames.data(id, new byte[2048], 0, 2048)).hasSize(2 + 1 + 1 + 3 + 2048);
    assertThatThrownBy(() -> RelayFrames.hello("alice", "s".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBrokenStreamFromTheRelayIsAnError() {
    var zeroLength = new DataInputStream(new ByteArrayInputStream(hex("00 00")));
    assertThatThrownBy(() -> RelayFrames.read(zeroLength)).isInstanceOf(IOException.class);
    var oversize = new DataInputStream(new ByteArrayInputStream(hex("08 83 03")));
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
    assertThat(RelayError.of(200)).isEqualTo(RelayError.UNKNOWN);
  }
}
