package io.meshward.agent.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WireGuardKeysTest {

  // RFC 7748 section 6.1: Alice's and Bob's X25519 key pairs.
  private static final String ALICE_PRIVATE =
      "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  private static final String ALICE_PUBLIC =
      "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  private static final String BOB_PRIVATE =
      "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
  private static final String BOB_PUBLIC =
      "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";

  @Test
  void derivesThePublicKeysOfRfc7748() {
    assertThat(publicHex(ALICE_PRIVATE)).isEqualTo(ALICE_PUBLIC);
    assertThat(publicHex(BOB_PRIVATE)).isEqualTo(BOB_PUBLIC);
  }

  @Test
  void generatedPublicKeyMatchesTheOneDerivedFromItsPrivateKey() {
    for (int i = 0; i < 20; i++) {
      WireGuardKeyPair generated = WireGuardKeys.generate();
      WireGuardKeyPair reloaded = WireGuardKeys.fromPrivateKey(generated.privateKeyBase64());
      assertThat(reloaded.publicKeyBase64()).isEqualTo(generated.publicKeyBase64());
      assertThat(Base64.getDecoder().decode(generated.publicKeyBase64())).hasSize(32);
      assertThat(generated.privateKeyBase64()).hasSize(44).endsWith("=");
    }
  }

  @Test
  void neverPrintsThePrivateKey() {
    WireGuardKeyPair pair = WireGuardKeys.generate();
    assertThat(pair.toString()).doesNotContain(pair.privateKeyBase64());
    assertThat(pair.toString()).contains(pair.publicKeyBase64());
  }

  @Test
  void rejectsKeysOfTheWrongLength() {
    assertThatThrownBy(() -> WireGuardKeys.fromPrivateKey("AAAA")).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> WireGuardKeys.fromPrivateKey("not base64!"))
        .hasMessageContaining("base64");
  }

  private static String publicHex(String privateHex) {
    String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(privateHex));
    byte[] raw = Base64.getDecoder().decode(WireGuardKeys.fromPrivateKey(base64).publicKeyBase64());
    return HexFormat.of().formatHex(raw);
  }
}
