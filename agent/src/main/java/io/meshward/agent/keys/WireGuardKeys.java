package io.meshward.agent.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Base64;
import javax.crypto.KeyAgreement;

/**
 * Generates and decodes WireGuard keys with the JDK's X25519 (RFC 7748).
 *
 * <p>WireGuard's text form is base64 of the raw 32-byte keys: the private scalar as stored (the JDK
 * clamps it when it is used) and the public u-coordinate, both little-endian.
 */
public final class WireGuardKeys {

  static final int KEY_LENGTH = 32;
  private static final String ALGORITHM = "X25519";

  private WireGuardKeys() {}

  /** A fresh key pair from the platform's secure random source. */
  public static WireGuardKeyPair generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      byte[] scalar =
          ((XECPrivateKey) pair.getPrivate())
              .getScalar()
              .orElseThrow(() -> new IllegalStateException("X25519 private key has no scalar"));
      return new WireGuardKeyPair(scalar, rawPublicKey((XECPublicKey) pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate X25519 keys", e);
    }
  }

  /**
   * Rebuilds the pair from a base64 private key (as `wg genkey` prints it), deriving the public key
   * as X25519(private, 9).
   */
  public static WireGuardKeyPair fromPrivateKey(String base64PrivateKey) {
    byte[] scalar = decode(base64PrivateKey, "private");
    return new WireGuardKeyPair(scalar, derivePublicKey(scalar));
  }

  /** Decodes and checks a base64 WireGuard key; a clear error when it is not 32 bytes. */
  public static byte[] decode(String base64Key, String what) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the WireGuard " + what + " key is not valid base64");
    }
    if (raw.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "the WireGuard " + what + " key must be 32 bytes, got " + raw.length);
    }
    return raw;
  }

  static byte[] derivePublicKey(byte[] scalar) {
    try {
      KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
      PrivateKey privateKey =
          factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
      PublicKey basePoint =
          factory.generatePublic(
              new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
      KeyAgreement agreement = KeyAgreement.getInstance(ALGORITHM);
      agreement.init(privateKey);
      agreement.doPhase(basePoint, true);
      return agreement.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the X25519 public key", e);
    }
  }

  /** The u-coordinate as 32 little-endian bytes (RFC 7748 section 5). */
  static byte[] rawPublicKey(XECPublicKey key) {
    byte[] bigEndian = key.getU().toByteArray();
    byte[] littleEndian = new byte[KEY_LENGTH];
    // toByteArray may carry a leading sign byte or be shorter than 32 bytes.
    for (int i = 0; i < KEY_LENGTH && i < bigEndian.length; i++) {
      littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return littleEndian;
  }
}
