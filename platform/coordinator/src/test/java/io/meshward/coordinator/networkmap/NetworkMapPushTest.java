package io.meshward.coordinator.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.protocol.v1.NetworkMap;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Maps reach agents over real Sync streams, change when access changes, and are pushed only to the
 * agents whose map changed. The Rego-backed decider lives elsewhere; this test's decider lets peers
 * of the group "mesh" reach each other on TCP 22.
 */
class NetworkMapPushTest {

  @Configuration(proxyBeanMethods = false)
  static class MeshGroupDecider {

    @Bean
    @Primary // wins over the engine-backed bean once that is wired in
    AccessDecider decider() {
      return (snapshot, subjects) -> {
        var allowed = new ArrayList<AccessDecision.AllowedConnection>();
        var ssh = List.of(new AccessDecision.PortRule("tcp", 22, 22));
        for (String subject : subjects) {
          var s = snapshot.peers().get(subject);
          if (!s.groupNames().contains("mesh")) {
            continue;
          }
          for (var other : snapshot.peers().values()) {
            if (!other.id().equals(subject) && other.groupNames().contains("mesh")) {
              allowed.add(new AccessDecision.AllowedConnection(subject, other.id(), ssh, "mesh"));
              allowed.add(new AccessDecision.AllowedConnection(other.id(), subject, ssh, "mesh"));
            }
          }
        }
        return new AccessDecision(allowed);
      };
    }
  }

  @Test
  void mapsFollowAccessChangesAndAreSentOnlyWhenTheyChange() throws Exception {
    try (var coordinator =
            RunningCoordinator.start(
                TestDatabase.H2,
                Files.createTempDirectory("meshward-map-"),
                MeshGroupDecider.class);
        AgentDevice a = coordinator.device();
        AgentDevice b = coordinator.device();
        AgentDevice c = coordinator.device()) {
      Rest admin = coordinator.admin();
      activateSomePolicy(coordinator);
      String mesh =
          admin
              .post("/api/v1/groups", Rest.json(Map.of("name", "mesh")))
              .json()
              .get("id")
              .asString();
      String key =
          admin
              .post(
                  "/api/v1/setup-keys",
                  Rest.json(Map.of("name", "k", "reusable", true, "autoGroups", List.of(mesh))))
              .json()
              .get("key")
              .asString();

      String idA = a.enrol(key, "a").getPeerId();
      String idB = b.enrol(key, "b").getPeerId();
      var streamA = a.sync();
      var streamB = b.sync();

      NetworkMap mapA = untilPeers(streamA, Set.of(idB));
      var remoteB = mapA.getPeers(0);
      assertThat(remoteB.getWireguardPublicKey()).isEqualTo(b.wireguardKey());
      assertThat(remoteB.getMeshAddress()).endsWith("/32");
      assertThat(remoteB.getOutbound(0).getProtocol()).isEqualTo("tcp");
      assertThat(remoteB.getOutbound(0).getFromPort()).isEqualTo(22);
      assertThat(remoteB.getInboundCount()).isEqualTo(1);
      untilPeers(streamB, Set.of(idA));

      // Taking B out of the group cuts both ways.
      admin.put("/api/v1/peers/" + idB + "/groups", Rest.json(Map.of("groupIds", List.of())));
      NetworkMap withoutB = untilPeers(streamA, Set.of());
      untilPeers(streamB, Set.of());

      // A peer joining outside the group changes nothing for A: A's next map is the one that
      // brings B back, with the very next serial.
      String idC =
          c.enrol(
                  admin
                      .post("/api/v1/setup-keys", Rest.json(Map.of("name", "plain")))
                      .json()
                      .get("key")
                      .asString(),
                  "c")
              .getPeerId();
      var streamC = c.sync();
      assertThat(streamC.nextMap().getPeersCount()).isZero();
      admin.put("/api/v1/peers/" + idB + "/groups", Rest.json(Map.of("groupIds", List.of(mesh))));
      NetworkMap back = streamA.nextMap();
      assertThat(back.getPeersList()).extracting(p -> p.getPeerId()).containsExactly(idB);
      assertThat(back.getSerial()).isEqualTo(withoutB.getSerial() + 1);
      assertThat(idC).isNotBlank();

      // Deleting B removes it from A's map.
      admin.delete("/api/v1/peers/" + idB);
      assertThat(untilPeers(streamA, Set.of()).getPeersCount()).isZero();

      var flips = admin.get("/api/v1/audit?kind=decision.denied&peer=" + idA).json();
      assertThat(flips.size()).isPositive();
    }
  }

  /** Reads maps until one lists exactly these peers (earlier maps may still be in flight). */
  private static NetworkMap untilPeers(AgentDevice.SyncStream stream, Set<String> peerIds)
      throws InterruptedException {
    for (int i = 0; i < 10; i++) {
      NetworkMap map = stream.nextMap();
      Set<String> ids = new java.util.HashSet<>();
      map.getPeersList().forEach(p -> ids.add(p.getPeerId()));
      if (ids.equals(peerIds)) {
        return map;
      }
    }
    throw new AssertionError("no map listing exactly " + peerIds);
  }

  /**
   * Puts an active bundle in place the way an upload would leave it. (Uploads need the Rego
   * validator, which this module does not contain.)
   */
  private static void activateSomePolicy(RunningCoordinator coordinator) {
    JdbcClient jdbc = coordinator.bean(JdbcClient.class);
    String account = jdbc.sql("SELECT id FROM account").query(String.class).single();
    jdbc.sql(
            "INSERT INTO policy_bundle (id, account_id, version, modules, tests, created_by,"
                + " created_at) VALUES (?, ?, 1, '{\"a.rego\":\"package a\"}', '{}', 'test', ?)")
        .params(java.util.UUID.randomUUID().toString(), account, Timestamp.from(Instant.now()))
        .update();
    jdbc.sql("UPDATE account SET active_policy_version = 1 WHERE id = ?").param(account).update();
  }
}
