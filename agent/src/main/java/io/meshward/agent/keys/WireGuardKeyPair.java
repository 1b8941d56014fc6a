package io.meshward.agent.keys;

import java.util.Arrays;
import java.util.Base64;

/**
 * A WireGuard (X25519) key pair as the raw 32-byte little-endian encodings `wg` uses.
 *
 * <p>{@link #toString()} never prints the private key.
 */
public final class WireGuardKeyPair {

  private final byte[] privateKey;
  private final byte[] publicKey;

  WireGuardKeyPair(byte[] privateKey, byte[] publicKey) {
    if (privateKey.length != WireGuardKeys.KEY_LENGTH
        || publicKey.length != WireGuardKeys.KEY_LENGTH) {
      throw new IllegalArgumentException("WireGuard keys are 32 bytes");
    }
    this.privateKey = privateKey.clone();
    this.publicKey = publicKey.clone();
  }

  /** The private key as `wg genkey` prints it. */
  public String privateKeyBase64() {
    return Base64.getEncoder().encodeToString(privateKey);
  }

  /** The public key as `wg pubkey` prints it. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey);
  }

  public byte[] rawPublicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WireGuardKeyPair that
        && Arrays.equals(privateKey, that.privateKey)
        && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "WireGuardKeyPair[public=" + publicKeyBase64() + "]";
  }
}
