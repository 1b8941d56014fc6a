package io.meshward.coordinator.relays;

import io.meshward.coordinator.auth.SecretTokens;
import io.meshward.coordinator.config.MeshwardProperties;
import io.meshward.coordinator.networkmap.AllowedPairsListener.PairChange;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.RelayCredential;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (never asserts) the coordinator's relay work at 10,000 peers in groups of 200 that may
 * reach each other (about 1,000,000 pairs): taking in the complete set, taking in a one-peer
 * change, deriving every peer's credential for a relay, and building and serialising one full
 * snapshot. Run with {@code ./mvnw -q -pl platform/coordinator test -Dtest=RelaySnapshotBenchmark
 * -Dmeshward.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "meshward.benchmark", matches = "true")
class RelaySnapshotBenchmark {

  static final int PEERS = 10_000;
  static final int GROUP = 200;

  @Test
  void measure() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < PEERS; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    Set<String> live = Set.copyOf(ids);
    List<PairChange> all = new ArrayList<>();
    for (int i = 0; i < PEERS; i++) {
      int base = i / GROUP * GROUP;
      for (int j = i + 1; j < base + GROUP; j++) {
        all.add(PairChange.of(ids.get(i), ids.get(j), true));
      }
    }
    // The peer leaving its group: every pair it had is revoked.
    List<PairChange> leave = new ArrayList<>();
    for (int j = 1; j < GROUP; j++) {
      leave.add(PairChange.of(ids.get(0), ids.get(j), false));
    }
    List<PairChange> rejoin = leave.stream().map(c -> new PairChange(c.a(), c.b(), true)).toList();
    RelayCredentialKey key =
        new RelayCredentialKey(
            new MeshwardProperties(Files.createTempDirectory("meshward-relay-bench-")));

    for (int round = 0; round < 5; round++) {
      AccountPairs account = new AccountPairs(0);
      long t0 = System.nanoTime();
      account.apply(all, true, live);
      long t1 = System.nanoTime();
      account.apply(leave, false, live);
      long t2 = System.nanoTime();
      account.apply(rejoin, false, live);
      List<RelayCredential> credentials = new ArrayList<>(PEERS);
      long t3 = System.nanoTime();
      for (String peer : ids) {
        credentials.add(
            RelayCredential.newBuilder()
                .setPeerId(peer)
                .setCredentialSha256(SecretTokens.sha256Hex(key.credential("relay", peer, 1)))
                .build());
      }
      long t4 = System.nanoTime();
      AllowedPairs snapshot =
          AllowedPairs.newBuilder()
              .setSerial(account.serial())
              .addAllPairs(account.pairs())
              .build()
              .toBuilder()
              .addAllCredentials(credentials)
              .build();
      byte[] bytes = snapshot.toByteArray();
      long t5 = System.nanoTime();
      Set<String> check = new HashSet<>(ids);
      System.out.printf(
          "round %d: %,d pairs; complete set %.0f ms, one-peer revoke (%d pairs) %.2f ms,"
              + " %,d credentials derived %.0f ms, snapshot built+serialised %.0f ms (%,d bytes)%n",
          round,
          account.pairs().size(),
          (t1 - t0) / 1e6,
          leave.size(),
          (t2 - t1) / 1e6,
          check.size(),
          (t4 - t3) / 1e6,
          (t5 - t4) / 1e6,
          bytes.length);
    }
  }
}
