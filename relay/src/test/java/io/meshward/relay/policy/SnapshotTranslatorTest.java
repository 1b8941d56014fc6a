package io.meshward.relay.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.PeerPair;
import io.meshward.protocol.v1.RelayCredential;
import io.meshward.relay.testing.FakeCoordinator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class SnapshotTranslatorTest {

  @Test
  void admitsListedCredentialsAndAllowsListedPairsOnly() throws Exception {
    PolicySnapshot snapshot =
        SnapshotTranslator.translate(
            FakeCoordinator.snapshot(3)
                .pair("a", "b")
                .credential("a", "sa")
                .credential("b", "sb")
                .build(),
            PeerIndex.empty());
    assertThat(snapshot.serial()).isEqualTo(3);
    assertThat(snapshot.admits("a", sha256("sa"))).isTrue();
    assertThat(snapshot.admits("a", sha256("sb"))).isFalse();
    assertThat(snapshot.admits("c", sha256("sa"))).isFalse();
    int a = snapshot.peers().indexOf("a");
    int b = snapshot.peers().indexOf("b");
    assertThat(snapshot.allows(a, b)).isTrue();
    assertThat(snapshot.allows(b, a)).isTrue();
  }

  @Test
  void malformedEntriesAreSkippedAndTheRestApplies() throws Exception {
    AllowedPairs message =
        AllowedPairs.newBuilder()
            .setSerial(4)
            .addPairs(PeerPair.newBuilder().setA("a").setB(""))
            .addPairs(PeerPair.newBuilder().setA("a").setB("b"))
            .addCredentials(
                RelayCredential.newBuilder().setPeerId("a").setCredentialSha256("not-hex"))
            .addCredentials(
                RelayCredential.newBuilder()
                    .setPeerId("b")
                    .setCredentialSha256(FakeCoordinator.sha256Hex("sb").toUpperCase()))
            .build();
    PolicySnapshot snapshot = SnapshotTranslator.translate(message, PeerIndex.empty());
    assertThat(snapshot.admits("a", sha256("sa"))).isFalse();
    assertThat(snapshot.admits("b", sha256("sb"))).isTrue();
    assertThat(snapshot.pairs().size()).isEqualTo(1);
  }

  private static byte[] sha256(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }
}
