package io.meshward.coordinator.relays;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.meshward.coordinator.auth.SecretTokens;
import io.meshward.coordinator.networkmap.AccessDecider;
import io.meshward.coordinator.networkmap.AccessDecision;
import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.RelayInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Relays as the relay process and agents meet them: a real coordinator, REST on loopback, and the
 * relay's {@code RelayControl.Subscribe} and the agents' {@code Sync} over real TLS gRPC.
 */
class RelaysTest {

  /**
   * Test-only decider: peers of the group "mesh" may reach each other on TCP 22, and "server" peers
   * may be reached by "mesh" peers (one direction only). It stands in for the Rego engine so that
   * these tests exercise the relay side, not policy evaluation.
   */
  @Configuration(proxyBeanMethods = false)
  static class MeshGroupDecider {

    @Bean
    @Primary // wins over the engine-backed decider
    AccessDecider meshGroupAccessDecider() {
      return (snapshot, subjects) -> {
        var allowed = new ArrayList<AccessDecision.AllowedConnection>();
        var ssh = List.of(new AccessDecision.PortRule("tcp", 22, 22));
        for (String subject : subjects) {
          var s = snapshot.peers().get(subject);
          for (var other : snapshot.peers().values()) {
            if (other.id().equals(subject)) {
              continue;
            }
            if (s.groupNames().contains("mesh") && other.groupNames().contains("mesh")) {
              allowed.add(new AccessDecision.AllowedConnection(subject, other.id(), ssh, "mesh"));
              allowed.add(new AccessDecision.AllowedConnection(other.id(), subject, ssh, "mesh"));
            }
            if (s.groupNames().contains("mesh") && other.groupNames().contains("server")) {
              allowed.add(new AccessDecision.AllowedConnection(subject, other.id(), ssh, "server"));
            }
            if (s.groupNames().contains("server") && other.groupNames().contains("mesh")) {
              allowed.add(new AccessDecision.AllowedConnection(other.id(), subject, ssh, "server"));
            }
          }
        }
        return new AccessDecision(allowed);
      };
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void relaysReceiveTheirAccountsAllowedPairsAndAgentsTheirCredentials(TestDatabase database)
      throws Exception {
    Path dataDir = Files.createTempDirectory("meshward-relays-");
    try (var coordinator = RunningCoordinator.start(database, dataDir, MeshGroupDecider.class);
        AgentDevice a = coordinator.device();
        AgentDevice b = coordinator.device();
        AgentDevice c = coordinator.device();
        AgentDevice s = coordinator.device();
        AgentDevice other = coordinator.device()) {
      JdbcClient jdbc = coordinator.bean(JdbcClient.class);
      String account = jdbc.sql("SELECT id FROM account").query(String.class).single();
      activatePolicy(jdbc, account);
      Rest admin = coordinator.admin();
      String meshKey = setupKey(admin, "mesh");
      String idA = a.enrol(meshKey, "a").getPeerId();
      String idB = b.enrol(meshKey, "b").getPeerId();
      String idC = c.enrol(meshKey, "c").getPeerId();
      String idS = s.enrol(setupKey(admin, "server"), "s").getPeerId();

      // A second account with its own peers and relay: none of it may leak into the first.
      var second = coordinator.createAccount("second");
      activatePolicy(jdbc, second.accountId());
      Rest secondAdmin = coordinator.rest(second.adminToken());
      String idOther = other.enrol(setupKey(secondAdmin, "mesh"), "other").getPeerId();

      // Registration: the token is shown once and stored hashed.
      var created =
          admin.post(
              "/api/v1/relays",
              Rest.json(Map.of("name", "eu-1", "address", "relay.example.net:3478")));
      assertThat(created.status()).isEqualTo(201);
      String relayId = created.json().get("id").asString();
      String token = created.json().get("token").asString();
      assertThat(token).startsWith("mwr_");
      assertThat(jdbc.sql("SELECT token_hash FROM relay").query(String.class).single())
          .isEqualTo(SecretTokens.sha256Hex(token));
      var listed = admin.get("/api/v1/relays").json();
      assertThat(listed.size()).isEqualTo(1);
      assertThat(listed.get(0).get("address").asString()).isEqualTo("relay.example.net:3478");
      assertThat(listed.get(0).has("token")).isFalse();
      assertThat(secondAdmin.get("/api/v1/relays").json().size()).isZero();
      assertThat(secondAdmin.delete("/api/v1/relays/" + relayId).status()).isEqualTo(404);
      var secondRelay =
          secondAdmin.post(
              "/api/v1/relays", Rest.json(Map.of("name", "eu-1", "address", "10.0.0.9:3478")));
      assertThat(secondRelay.status()).isEqualTo(201);

      try (var relay = new RelayClient(coordinator.grpcPort(), caPem(coordinator));
          var secondRelayClient = new RelayClient(coordinator.grpcPort(), caPem(coordinator))) {
        relay.subscribe(relayId, token);
        AllowedPairs first =
            relay.until(
                p ->
                    pairs(p)
                            .equals(
                                Set.of(
                                    pair(idA, idB),
                                    pair(idA, idC),
                                    pair(idB, idC),
                                    pair(idA, idS),
                                    pair(idB, idS),
                                    pair(idC, idS)))
                        && credentials(p).keySet().equals(Set.of(idA, idB, idC, idS)),
                "all pairs of the first account are listed");
        assertThat(credentials(first)).doesNotContainKey(idOther);

        secondRelayClient.subscribe(
            secondRelay.json().get("id").asString(), secondRelay.json().get("token").asString());
        AllowedPairs secondFirst =
            secondRelayClient.until(
                p -> credentials(p).keySet().equals(Set.of(idOther)), "only the other peer");
        assertThat(secondFirst.getPairsList()).isEmpty();

        // The agent's map names the relay with a credential whose SHA-256 the relay holds.
        var syncA = a.sync();
        NetworkMap mapA = untilMap(syncA, m -> m.getRelaysCount() == 1, "one relay in A's map");
        RelayInfo info = mapA.getRelays(0);
        assertThat(info.getAddress()).isEqualTo("relay.example.net:3478");
        assertThat(info.getRelayId())
            .as("the id the relay names in its CHALLENGE")
            .isEqualTo(relayId);
        assertThat(Base64Url.decodedLength(info.getCredential())).isEqualTo(32);
        assertThat(SecretTokens.sha256Hex(info.getCredential()))
            .isEqualTo(credentials(first).get(idA));
        assertThat(
                jdbc.sql("SELECT COUNT(*) FROM relay WHERE token_hash = ?")
                    .param(SecretTokens.sha256Hex(info.getCredential()))
                    .query(Long.class)
                    .single())
            .isZero();

        // A rename leaves pairs alone; B leaving the group withdraws its pairs. (Snapshots in
        // between may repeat the old pairs when credentials change, so read until B's are gone.)
        admin.patch("/api/v1/peers/" + idA, Rest.json(Map.of("name", "alpha")));
        untilMap(syncA, m -> m.getSelf().getName().equals("alpha"), "A renamed");
        admin.put("/api/v1/peers/" + idB + "/groups", Rest.json(Map.of("groupIds", List.of())));
        AllowedPairs withoutB =
            relay.until(p -> !pairs(p).contains(pair(idA, idB)), "B's pairs are withdrawn");
        assertThat(withoutB.getSerial()).isGreaterThan(first.getSerial());
        assertThat(pairs(withoutB))
            .containsExactlyInAnyOrder(pair(idA, idC), pair(idA, idS), pair(idC, idS));
        assertThat(credentials(withoutB)).containsKey(idB);

        // Deleting a peer withdraws its credential and its pairs (also once it was rotated).
        assertThat(admin.post("/api/v1/relays/credentials/" + idC + "/rotate", null).status())
            .isEqualTo(200);
        assertThat(admin.delete("/api/v1/peers/" + idC).status()).isEqualTo(204);
        AllowedPairs withoutC =
            relay.until(p -> !credentials(p).containsKey(idC), "C's credential is gone");
        assertThat(pairs(withoutC)).containsExactly(pair(idA, idS));
        assertThat(credentials(withoutC).keySet()).containsExactlyInAnyOrder(idA, idB, idS);

        // Rotation gives A a new credential, in its map and at the relay.
        var rotated = admin.post("/api/v1/relays/credentials/" + idA + "/rotate", null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(secondAdmin.post("/api/v1/relays/credentials/" + idA + "/rotate", null).status())
            .isEqualTo(404);
        NetworkMap rotatedMap =
            untilMap(
                syncA,
                m ->
                    m.getRelaysCount() == 1
                        && !m.getRelays(0).getCredential().equals(info.getCredential()),
                "A's credential rotated");
        String newHash = SecretTokens.sha256Hex(rotatedMap.getRelays(0).getCredential());
        relay.until(p -> newHash.equals(credentials(p).get(idA)), "the relay has A's new hash");

        // Wrong or unknown credentials of the relay itself are refused.
        try (var wrong = new RelayClient(coordinator.grpcPort(), caPem(coordinator));
            var unknown = new RelayClient(coordinator.grpcPort(), caPem(coordinator))) {
          Status refused = wrong.subscribe(relayId, token + "x").end();
          assertThat(refused.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(refused.getDescription()).contains("relay token");
          assertThat(unknown.subscribe(UUID.randomUUID().toString(), token).end().getCode())
              .isEqualTo(Status.Code.UNAUTHENTICATED);
        }

        // Deleting the relay ends its stream at once and takes it out of agents' maps.
        assertThat(admin.delete("/api/v1/relays/" + relayId).status()).isEqualTo(204);
        Status ended = relay.end();
        assertThat(ended.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(ended.getDescription()).contains("deleted");
        untilMap(syncA, m -> m.getRelaysCount() == 0, "the relay left A's map");
        try (var again = new RelayClient(coordinator.grpcPort(), caPem(coordinator))) {
          assertThat(again.subscribe(relayId, token).end().getCode())
              .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        // The other account's relay is untouched.
        assertThat(secondAdmin.get("/api/v1/relays").json().get(0).get("connected").asBoolean())
            .isTrue();
      }

      var kinds =
          admin
              .get("/api/v1/audit?limit=500")
              .json()
              .valueStream()
              .map(e -> e.get("kind").asString())
              .collect(Collectors.toSet());
      assertThat(kinds).contains("relay.created", "relay.deleted", "relay_credential.rotated");
      Path key = dataDir.resolve(RelayCredentialKey.FILE_NAME);
      assertThat(Files.getPosixFilePermissions(key))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.class, names = "H2")
  void badRegistrationsAreRefusedWithProblemDetails(TestDatabase database) throws Exception {
    try (var coordinator =
        RunningCoordinator.start(database, Files.createTempDirectory("meshward-relays-bad-"))) {
      Rest admin = coordinator.admin();
      var noPort = admin.post("/api/v1/relays", Rest.json(Map.of("name", "x", "address", "host")));
      assertThat(noPort.status()).isEqualTo(400);
      assertThat(noPort.contentType()).startsWith("application/problem+json");
      assertThat(noPort.body()).contains("address");
      var noName = admin.post("/api/v1/relays", Rest.json(Map.of("address", "host:1")));
      assertThat(noName.status()).isEqualTo(400);
      assertThat(noName.contentType()).startsWith("application/problem+json");
      assertThat(
              admin
                  .post("/api/v1/relays", Rest.json(Map.of("name", "x", "address", "h:1")))
                  .status())
          .isEqualTo(201);
      var duplicate =
          admin.post("/api/v1/relays", Rest.json(Map.of("name", "x", "address", "h:2")));
      assertThat(duplicate.status()).isEqualTo(409);
      assertThat(coordinator.rest(null).get("/api/v1/relays").status()).isEqualTo(401);
      assertThat(admin.get("/api/v1/relays").json().size()).isEqualTo(1);
    }
  }

  private static Path caPem(RunningCoordinator coordinator) {
    return coordinator.dataDir().resolve("ca/ca-cert.pem");
  }

  private static String setupKey(Rest admin, String group) {
    var existing = admin.get("/api/v1/groups").json();
    String groupId = null;
    for (var g : existing) {
      if (g.get("name").asString().equals(group)) {
        groupId = g.get("id").asString();
      }
    }
    if (groupId == null) {
      groupId =
          admin
              .post("/api/v1/groups", Rest.json(Map.of("name", group)))
              .json()
              .get("id")
              .asString();
    }
    return admin
        .post(
            "/api/v1/setup-keys",
            Rest.json(Map.of("name", group, "reusable", true, "autoGroups", List.of(groupId))))
        .json()
        .get("key")
        .asString();
  }

  /** Puts an active bundle in place as an upload would leave it; the test decider ignores it. */
  private static void activatePolicy(JdbcClient jdbc, String account) {
    jdbc.sql(
            "INSERT INTO policy_bundle (id, account_id, version, modules, tests, created_by,"
                + " created_at) VALUES (?, ?, 1, '{\"a.rego\":\"package a\"}', '{}', 'test', ?)")
        .params(UUID.randomUUID().toString(), account, Timestamp.from(Instant.now()))
        .update();
    jdbc.sql("UPDATE account SET active_policy_version = 1 WHERE id = ?").param(account).update();
  }

  private static String pair(String x, String y) {
    return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
  }

  private static Set<String> pairs(AllowedPairs snapshot) {
    return snapshot.getPairsList().stream()
        .map(p -> pair(p.getA(), p.getB()))
        .collect(Collectors.toSet());
  }

  private static Map<String, String> credentials(AllowedPairs snapshot) {
    Map<String, String> result = new HashMap<>();
    snapshot.getCredentialsList().forEach(c -> result.put(c.getPeerId(), c.getCredentialSha256()));
    return result;
  }

  private static NetworkMap untilMap(
      AgentDevice.SyncStream stream, Predicate<NetworkMap> condition, String what)
      throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      NetworkMap map = stream.nextMap();
      if (condition.test(map)) {
        return map;
      }
    }
    throw new AssertionError("no map where " + what);
  }

  /** Length of a base64url value once decoded. */
  private static final class Base64Url {
    static int decodedLength(String value) {
      return java.util.Base64.getUrlDecoder().decode(value).length;
    }
  }
}
