package io.meshward.coordinator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.policy.engine.local.RegoPolicyEngine;
import io.meshward.policy.server.OpaServer;
import io.meshward.policy.value.ObjectValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code meshward.decisions.engine=opa}: the coordinator decides through an OPA-compatible server
 * on a real loopback socket (loaded with the same bundle, as an operator would), and denies with a
 * reason naming the server once it is gone.
 */
class OpaEngineFeatureTest {

  static final String POLICY =
      """
      package meshward.access

      import rego.v1

      allow if {
      	"eng" in input.source.groups
      	"servers" in input.destination.groups
      }

      ports contains "tcp/22"
      """;

  @Test
  void decidesThroughOpaAndFailsClosedWhenItIsGone() throws Exception {
    OpaServer opa =
        OpaServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            RegoPolicyEngine.compile(
                Map.of("access.rego", POLICY),
                ObjectValue.EMPTY,
                RegoPolicyEngine.Options.DEFAULTS),
            OpaServer.Settings.DEFAULTS);
    String address = opa.baseUri().toString();
    System.setProperty("meshward.decisions.engine", "opa");
    System.setProperty("meshward.decisions.opa.url", address);
    System.setProperty("meshward.decisions.timeout", "2s");
    try (var coordinator =
            RunningCoordinator.start(TestDatabase.H2, Files.createTempDirectory("meshward-opa-"));
        AgentDevice laptop = coordinator.device();
        AgentDevice db = coordinator.device()) {
      Rest admin = coordinator.admin();
      String eng = group(admin, "eng");
      String servers = group(admin, "servers");
      laptop.enrol(key(admin, eng), "laptop");
      db.enrol(key(admin, servers), "db");
      var upload =
          admin.post("/api/v1/policies", Rest.json(Map.of("modules", Map.of("a.rego", POLICY))));
      assertThat(upload.status()).as(upload.body()).isEqualTo(201);

      JsonNode allowed = admin.get("/api/v1/decisions?source=laptop&destination=db").json();
      assertThat(allowed.get("decision").asString()).as(allowed.toString()).isEqualTo("allow");
      assertThat(allowed.get("engine").asString()).isEqualTo("opa");
      assertThat(allowed.get("ports").get(0).asString()).isEqualTo("tcp/22");
      AgentDevice.SyncStream stream = laptop.sync();
      var map = stream.nextMap();
      for (int i = 0; i < 5 && map.getPeersCount() == 0; i++) {
        map = stream.nextMap(); // earlier maps may still be in flight
      }
      assertThat(map.getPeersCount()).isEqualTo(1);

      opa.close();
      JsonNode denied = admin.get("/api/v1/decisions?source=laptop&destination=db").json();
      assertThat(denied.get("decision").asString()).isEqualTo("deny");
      assertThat(denied.get("failed").asString())
          .startsWith("policy evaluation failed")
          .contains(address.replace("http://", ""));
    } finally {
      opa.close();
      System.clearProperty("meshward.decisions.engine");
      System.clearProperty("meshward.decisions.opa.url");
      System.clearProperty("meshward.decisions.timeout");
    }
  }

  private static String group(Rest admin, String name) {
    return admin
        .post("/api/v1/groups", Rest.json(Map.of("name", name)))
        .json()
        .get("id")
        .asString();
  }

  private static String key(Rest admin, String group) {
    return admin
        .post(
            "/api/v1/setup-keys",
            Rest.json(Map.of("name", "k-" + group, "autoGroups", List.of(group))))
        .json()
        .get("key")
        .asString();
  }
}
