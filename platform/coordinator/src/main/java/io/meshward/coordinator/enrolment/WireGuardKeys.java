package io.meshward.coordinator.enrolment;

import java.util.Base64;

/** Checks WireGuard public keys: 32-byte X25519 keys in standard base64, as {@code wg} prints. */
final class WireGuardKeys {

  private WireGuardKeys() {}

  /**
   * @return the key unchanged, or throws saying what is wrong with it
   */
  static String requireValid(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("wireguard_public_key is missing");
    }
    if (key.length() != 44 || !key.endsWith("=")) {
      throw new IllegalArgumentException(
          "wireguard_public_key must be 44 characters of base64 (32 bytes), as `wg pubkey` prints");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("wireguard_public_key is not valid base64");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException("wireguard_public_key must decode to 32 bytes");
    }
    boolean allZero = true;
    for (byte b : bytes) {
      allZero &= b == 0;
    }
    if (allZero) {
      throw new IllegalArgumentException("wireguard_public_key must not be all zeros");
    }
    return key;
  }
}
