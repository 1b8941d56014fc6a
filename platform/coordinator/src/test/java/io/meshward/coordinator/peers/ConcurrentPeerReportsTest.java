package io.meshward.coordinator.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An agent opens its Sync stream and reports posture at the same moment, so the two writes to its
 * peer row overlap. Neither may undo the other: a posture report that read the row before the
 * endpoints were stored once wrote the old (empty) endpoints back, and the peer was never offered a
 * direct path.
 */
class ConcurrentPeerReportsTest {

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aPostureReportOverlappingASyncKeepsTheReportedEndpoints(TestDatabase database)
      throws Exception {
    try (var coordinator =
            RunningCoordinator.start(database, Files.createTempDirectory("meshward-peer-race-"));
        AgentDevice device = coordinator.device();
        var other = Executors.newSingleThreadExecutor()) {
      Rest admin = coordinator.admin();
      String key =
          admin
              .post("/api/v1/setup-keys", Rest.json(Map.of("name", "k")))
              .json()
              .get("key")
              .asString();
      String peerId = device.enrol(key, "laptop").getPeerId();
      JdbcClient jdbc = coordinator.bean(JdbcClient.class);
      String accountId = jdbc.sql("SELECT id FROM account").query(String.class).single();
      var principal = new DevicePrincipal(accountId, peerId, Instant.now().plusSeconds(3600));
      PeerService peers = coordinator.bean(PeerService.class);
      var transactions =
          new TransactionTemplate(coordinator.bean(PlatformTransactionManager.class));
      List<String> endpoints = List.of("192.0.2.10:51820", "[2001:db8::1]:51820");

      transactions.executeWithoutResult(
          posture -> {
            // The posture report has read and changed the row, not yet committed...
            peers.recordPosture(
                principal,
                Map.of("os.platform", "linux", "os.version", "12"),
                Instant.now(),
                Optional.empty());
            try {
              // ... when the Sync stream's endpoints are stored and committed.
              other
                  .submit(() -> peers.recordSync(principal, endpoints, "1.2.3"))
                  .get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new AssertionError("storing the endpoints failed or blocked", e);
            }
          });

      assertThat(
              jdbc.sql("SELECT endpoints FROM peer WHERE id = ?")
                  .param(peerId)
                  .query(String.class)
                  .single())
          .isEqualTo(String.join(",", endpoints));
      assertThat(
              jdbc.sql("SELECT os FROM peer WHERE id = ?")
                  .param(peerId)
                  .query(String.class)
                  .single())
          .isEqualTo("linux 12");
    }
  }
}
