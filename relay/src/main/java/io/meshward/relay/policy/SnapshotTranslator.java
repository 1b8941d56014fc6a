package io.meshward.relay.policy;

import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.PeerPair;
import io.meshward.protocol.v1.RelayCredential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@link AllowedPairs} message into a {@link PolicySnapshot}. Entries that make no sense
 * (blank ids, a digest that is not 64 hex digits) are skipped with a warning: for that peer the
 * relay then fails closed, and the rest of the snapshot still applies.
 */
public final class SnapshotTranslator {

  private static final Logger log = LoggerFactory.getLogger(SnapshotTranslator.class);

  private SnapshotTranslator() {}

  public static PolicySnapshot translate(AllowedPairs message, PeerIndex previous) {
    Set<String> ids = new LinkedHashSet<>();
    for (PeerPair pair : message.getPairsList()) {
      ids.add(pair.getA());
      ids.add(pair.getB());
    }
    Map<String, List<byte[]>> credentials = new HashMap<>();
    int skipped = 0;
    for (RelayCredential credential : message.getCredentialsList()) {
      byte[] digest = parseDigest(credential.getCredentialSha256());
      if (credential.getPeerId().isBlank() || digest == null) {
        skipped++;
        continue;
      }
      credentials.computeIfAbsent(credential.getPeerId(), id -> new ArrayList<>(1)).add(digest);
      ids.add(credential.getPeerId());
    }
    ids.remove("");
    PeerIndex peers = previous.extendedWith(ids);
    PairSet.Builder pairs = new PairSet.Builder(message.getPairsCount());
    for (PeerPair pair : message.getPairsList()) {
      if (pair.getA().isBlank() || pair.getB().isBlank()) {
        skipped++;
        continue;
      }
      pairs.add(peers.indexOf(pair.getA()), peers.indexOf(pair.getB()));
    }
    if (skipped > 0) {
      log.warn(
          "Snapshot {} had {} malformed entries (blank peer id or a digest that is not 64 hex"
              + " digits); they were ignored",
          message.getSerial(),
          skipped);
    }
    return new PolicySnapshot(message.getSerial(), peers, pairs.build(), Map.copyOf(credentials));
  }

  private static byte[] parseDigest(String hex) {
    if (hex.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
