package io.meshward.relay.session;

import io.meshward.protocol.relay.HelloProof;
import io.meshward.relay.wire.Frames;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * What this relay puts in each CHALLENGE: its id and a fresh nonce. A nonce lives only as long as
 * the connection it was sent on and is consumed by the first HELLO, so a HELLO recorded elsewhere
 * never verifies here.
 */
public final class Challenges {

  private final byte[] relayId;
  private final Consumer<byte[]> randomFill;

  /**
   * @param relayId this relay's id at the coordinator (1-128 bytes of UTF-8)
   * @param randomFill fills a nonce with unpredictable bytes
   */
  public Challenges(String relayId, Consumer<byte[]> randomFill) {
    this.relayId = Frames.relayId(relayId);
    this.randomFill = randomFill;
  }

  /** Nonces from the platform's {@link SecureRandom}. */
  public static Challenges secure(String relayId) {
    return new Challenges(relayId, new SecureRandom()::nextBytes);
  }

  /** UTF-8 bytes of the relay id; do not modify. */
  byte[] relayId() {
    return relayId;
  }

  byte[] nextNonce() {
    byte[] nonce = new byte[HelloProof.NONCE_BYTES];
    randomFill.accept(nonce);
    return nonce;
  }
}
