package io.meshward.policy.builtins.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one Go-compatible base64 decoder that the encoding, crypto and JWT families share. */
class GoBase64Test {

  @Test
  void decodesEachAlphabetAndIgnoresLineBreaks() throws Exception {
    assertThat(GoBase64.decodeStd("bWVz\r\naA==")).isEqualTo(bytes("mesh"));
    assertThat(GoBase64.decodeUrl("-_8=")).containsExactly(0xfb, 0xff);
    assertThat(GoBase64.decodeRawUrl("-_8")).containsExactly(0xfb, 0xff);
  }

  @Test
  void reportsTheOffsetGoReports() {
    // An incomplete final quantum is reported where it starts, counting skipped line breaks.
    assertThatThrownBy(() -> GoBase64.decodeStd("z\n")).hasMessage(illegalAt(1));
    // After "xx=", the next character must be '='; Go names the first padding character.
    assertThatThrownBy(() -> GoBase64.decodeStd("9+=9A++")).hasMessage(illegalAt(2));
    assertThatThrownBy(() -> GoBase64.decodeStd("bWVzaA==bWVz")).hasMessage(illegalAt(8));
    assertThatThrownBy(() -> GoBase64.decodeRawUrl("bWVzaA==")).hasMessage(illegalAt(6));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String illegalAt(int offset) {
    return "illegal base64 data at input byte " + offset;
  }
}
