package io.meshward.relay.policy;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One coordinator snapshot, ready for the hot path: who may connect (credential hashes by peer id)
 * and which pairs may exchange packets. Immutable; replaced as a whole when the next one arrives.
 *
 * @param serial the coordinator's serial, or -1 for the empty snapshot that forwards nothing
 * @param peers the interned peer ids (extends the previous snapshot's index)
 * @param pairs the allowed unordered pairs, as peer ints of {@code peers}
 * @param credentials SHA-256 digests (32 bytes each) of the credentials each peer may present
 */
public record PolicySnapshot(
    long serial, PeerIndex peers, PairSet pairs, Map<String, List<byte[]>> credentials) {

  private static final byte[] DECOY = new byte[32];

  /** Forwards nothing and admits no one: what the relay runs on before and after it knows. */
  public static PolicySnapshot empty(PeerIndex peers) {
    return new PolicySnapshot(-1, peers, PairSet.empty(), Map.of());
  }

  public boolean isEmpty() {
    return serial < 0;
  }

  /**
   * Whether {@code peerId} may connect with a credential whose SHA-256 is {@code digest}. Compares
   * in constant time, and against a decoy for unknown peers, so timing reveals nothing.
   */
  public boolean admits(String peerId, byte[] digest) {
    List<byte[]> known = credentials.get(peerId);
    if (known == null || known.isEmpty()) {
      MessageDigest.isEqual(DECOY, digest);
      return false;
    }
    boolean match = false;
    for (byte[] candidate : known) {
      match |= MessageDigest.isEqual(candidate, digest);
    }
    return match;
  }

  /**
   * The listed credential digest of {@code peerId} whose expected proof equals {@code proof}, or
   * null. {@code expectedProof} computes the proof a credential with that digest would give. Every
   * listed digest is tried, and a decoy for unknown peers, comparing in constant time, so timing
   * reveals neither which digest matched nor whether the peer id is known.
   */
  public byte[] credentialProving(
      String peerId, byte[] proof, Function<byte[], byte[]> expectedProof) {
    List<byte[]> known = credentials.get(peerId);
    if (known == null || known.isEmpty()) {
      MessageDigest.isEqual(expectedProof.apply(DECOY), proof);
      return null;
    }
    byte[] matched = null;
    for (byte[] candidate : known) {
      if (MessageDigest.isEqual(expectedProof.apply(candidate), proof)) {
        matched = candidate;
      }
    }
    return matched;
  }

  /** Whether packets may flow between the peers with ints {@code a} and {@code b}. */
  public boolean allows(int a, int b) {
    return pairs.contains(a, b);
  }
}
