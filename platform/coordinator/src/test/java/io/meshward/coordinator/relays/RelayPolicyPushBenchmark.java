package io.meshward.coordinator.relays;

import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.protocol.v1.AllowedPairs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (never asserts) how long a policy activation takes to reach a subscribed relay: a real
 * coordinator (H2, the Rego engine), two enrolled devices A and B, a relay on {@code
 * RelayControl.Subscribe} over real TLS gRPC, and two uploaded bundles, one allowing A↔B and one
 * denying the pair. Each round activates the other bundle and waits for the relay's first {@code
 * AllowedPairs} snapshot that no longer lists (or lists again) the pair. Run with {@code ./mvnw -q
 * -pl platform/coordinator test -Dtest=RelayPolicyPushBenchmark -Dmeshward.benchmark=true}; {@code
 * -Dmeshward.benchmark.rounds=N} changes the number of rounds.
 */
@EnabledIfSystemProperty(named = "meshward.benchmark", matches = "true")
class RelayPolicyPushBenchmark {

  static final String ALLOW =
      """
      package meshward.access

      import rego.v1

      default allow := false

      # METADATA
      # custom:
      #   id: mesh
      allow if {
      	"mesh" in input.source.groups
      	"mesh" in input.destination.groups
      }
      """;

  static final String DENY_PAIR =
      ALLOW
          + """

          # METADATA
          # custom:
          #   id: cut-a-b
          deny contains {"id": "cut-a-b", "reason": "a and b are cut off"} if {
          	{input.source.name, input.destination.name} == {"a", "b"}
          }
          """;

  @TempDir Path dataDir;

  @Test
  void measure() throws Exception {
    int rounds = Integer.getInteger("meshward.benchmark.rounds", 20);
    try (var coordinator = RunningCoordinator.start(TestDatabase.H2, dataDir);
        AgentDevice a = coordinator.device();
        AgentDevice b = coordinator.device()) {
      Rest admin = coordinator.admin();
      String groupId =
          check(admin.post("/api/v1/groups", Rest.json(Map.of("name", "mesh"))), 201)
              .json()
              .get("id")
              .asString();
      String key =
          check(
                  admin.post(
                      "/api/v1/setup-keys",
                      Rest.json(
                          Map.of(
                              "name", "mesh", "reusable", true, "autoGroups", List.of(groupId)))),
                  201)
              .json()
              .get("key")
              .asString();
      String idA = a.enrol(key, "a").getPeerId();
      String idB = b.enrol(key, "b").getPeerId();
      int allowVersion = upload(admin, ALLOW, true);
      int denyVersion = upload(admin, DENY_PAIR, false);

      var relay =
          check(
                  admin.post(
                      "/api/v1/relays",
                      Rest.json(Map.of("name", "bench", "address", "relay.example.net:3478"))),
                  201)
              .json();
      try (var client =
          new RelayClient(
              coordinator.grpcPort(), coordinator.dataDir().resolve("ca/ca-cert.pem"))) {
        client.subscribe(relay.get("id").asString(), relay.get("token").asString());
        client.until(s -> hasPair(s, idA, idB), "the pair is allowed");

        List<Long> samples = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          boolean deny = round % 2 == 0;
          int version = deny ? denyVersion : allowVersion;
          long t0 = System.nanoTime();
          check(admin.post("/api/v1/policies/" + version + "/activate", null), 200);
          long answered = System.nanoTime();
          AllowedPairs snapshot =
              client.until(
                  s -> hasPair(s, idA, idB) != deny, deny ? "the pair is gone" : "it is back");
          long arrived = System.nanoTime();
          samples.add(arrived - t0);
          System.out.printf(
              "round %d: %s; activation answered %.1f ms, snapshot (serial %d) %.1f ms%n",
              round,
              deny ? "deny" : "allow",
              (answered - t0) / 1e6,
              snapshot.getSerial(),
              (arrived - t0) / 1e6);
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
            "RESULT relay-policy-push rounds=%d median=%.1fms p99=%.1fms min=%.1fms max=%.1fms%n",
            rounds,
            percentile(sorted, 50) / 1e6,
            percentile(sorted, 99) / 1e6,
            sorted[0] / 1e6,
            sorted[sorted.length - 1] / 1e6);
      }
    }
  }

  private static int upload(Rest admin, String module, boolean activate) {
    var body = new LinkedHashMap<String, Object>();
    body.put("modules", Map.of("access.rego", module));
    body.put("activate", activate);
    return check(admin.post("/api/v1/policies", Rest.json(body)), 201)
        .json()
        .get("version")
        .asInt();
  }

  private static boolean hasPair(AllowedPairs snapshot, String x, String y) {
    return snapshot.getPairsList().stream()
        .anyMatch(
            p ->
                (p.getA().equals(x) && p.getB().equals(y))
                    || (p.getA().equals(y) && p.getB().equals(x)));
  }

  private static Rest.Response check(Rest.Response response, int status) {
    if (response.status() != status) {
      throw new IllegalStateException(response.status() + ": " + response.body());
    }
    return response;
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
