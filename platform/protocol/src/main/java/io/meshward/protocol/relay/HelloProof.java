package io.meshward.protocol.relay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof a relay HELLO carries (docs/relay-protocol.md, "HELLO"), shared by the agent that
 * computes it and the relay that checks it: HMAC-SHA256 keyed with the SHA-256 of the agent's
 * credential — the digest the coordinator lists to the relay — over
 *
 * <pre>
 * u8 len | "meshward relay hello v2" | u8 len | relayId | u8 len | nonce | u8 len | peerId
 * </pre>
 *
 * Every field carries its length, so no two different inputs produce the same message. Binding the
 * relay id, the connection's nonce and the peer id makes a proof worthless anywhere else; the
 * credential itself never travels.
 */
public final class HelloProof {

  /** Domain separation: this HMAC key never signs anything but this message. */
  private static final byte[] LABEL = "meshward relay hello v2".getBytes(StandardCharsets.US_ASCII);

  public static final int NONCE_BYTES = 32;
  public static final int PROOF_BYTES = 32;

  private HelloProof() {}

  /**
   * The relay's side: the key is the listed digest.
   *
   * @param credentialSha256 SHA-256 of the credential's UTF-8 bytes (32 bytes)
   * @param relayId the relay id the CHALLENGE named, UTF-8
   * @param nonce the CHALLENGE's nonce
   * @param peerId the peer id the HELLO claims, UTF-8
   */
  public static byte[] compute(
      byte[] credentialSha256, byte[] relayId, byte[] nonce, byte[] peerId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(credentialSha256, "HmacSHA256"));
      for (byte[] field : new byte[][] {LABEL, relayId, nonce, peerId}) {
        if (field.length > 255) {
          throw new IllegalArgumentException("a proof field is at most 255 bytes");
        }
        mac.update((byte) field.length);
        mac.update(field);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** The agent's side: the key is derived from the credential, which stays on the device. */
  public static byte[] fromCredential(
      String credential, byte[] relayId, byte[] nonce, byte[] peerId) {
    byte[] key = null;
    try {
      key =
          MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
      return compute(key, relayId, nonce, peerId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
  }
}
