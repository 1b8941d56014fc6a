package io.meshward.coordinator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.protocol.v1.DeviceFacts;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PostureReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Connection decisions end to end on a real coordinator (H2, loopback HTTP and gRPC, the built
 * os-version posture plugin): bundle validation by the Rego engine, group-based allow, deny
 * overriding allow, posture-gated deny, explanations, account isolation, and failing closed.
 */
class DecisionsFeatureTest {

  @Configuration(proxyBeanMethods = false)
  @PropertySource("classpath:decisions-feature-test.properties")
  static class PosturePluginSettings {}

  static final String POLICY =
      """
      package meshward.access

      import rego.v1

      default allow := false

      # METADATA
      # title: Engineers reach servers
      # custom:
      #   id: eng-to-servers
      allow if {
      	"eng" in input.source.groups
      	"servers" in input.destination.groups
      }

      # METADATA
      # custom:
      #   id: ssh-only
      ports contains "tcp/22" if "servers" in input.destination.groups

      # METADATA
      # custom:
      #   id: quarantine
      deny contains {"id": "quarantine", "reason": "destination is quarantined"} if {
      	"quarantine" in input.destination.groups
      }

      # METADATA
      # custom:
      #   id: os-outdated
      deny contains {"id": "os-outdated", "reason": reason} if {
      	input.source.posture["os-version"].verdict == "fail"
      	reason := input.source.posture["os-version"].reason
      }
      """;

  static final String TESTS =
      """
      package meshward.access_test

      import rego.v1

      import data.meshward.access

      test_engineers_reach_servers if {
      	access.allow with input as {"source": {"groups": ["eng"]}, "destination": {"groups": ["servers"]}}
      }
      """;

  static final String FAILING_TEST =
      """

      test_guests_reach_servers if {
      	access.allow with input as {"source": {"groups": []}, "destination": {"groups": ["servers"]}}
      }
      """;

  @TempDir static Path dataDir;
  static RunningCoordinator coordinator;

  @BeforeAll
  static void start() throws Exception {
    Path built = Path.of(System.getProperty("meshward.test.posture-plugins"));
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    Files.copy(built.resolve("os-version.zip"), plugins.resolve("os-version.zip"));
    coordinator = RunningCoordinator.start(TestDatabase.H2, dataDir, PosturePluginSettings.class);
  }

  @AfterAll
  static void stop() {
    if (coordinator != null) {
      coordinator.close();
    }
  }

  /** One account with its own groups and setup keys. */
  record Account(Rest rest, Map<String, String> groups) {

    static Account create(String name, String... groups) {
      Rest rest = coordinator.rest(coordinator.createAccount(name).adminToken());
      Map<String, String> ids = new LinkedHashMap<>();
      for (String g : groups) {
        var created = rest.post("/api/v1/groups", Rest.json(Map.of("name", g)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ids.put(g, created.json().get("id").asString());
      }
      return new Account(rest, ids);
    }

    String enrol(AgentDevice device, String hostname, String... groups) throws Exception {
      List<String> ids = java.util.Arrays.stream(groups).map(this.groups::get).toList();
      var key =
          rest.post(
              "/api/v1/setup-keys",
              Rest.json(Map.of("name", hostname + "-key", "autoGroups", ids)));
      assertThat(key.status()).as(key.body()).isEqualTo(201);
      return device.enrol(key.json().get("key").asString(), hostname).getPeerId();
    }

    Rest.Response upload(Map<String, String> modules, Map<String, String> tests) {
      var body = new LinkedHashMap<String, Object>();
      body.put("modules", modules);
      body.put("tests", tests);
      return rest.post("/api/v1/policies", Rest.json(body));
    }

    JsonNode explain(String source, String destination) {
      var r = rest.get("/api/v1/decisions?source=" + source + "&destination=" + destination);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      return r.json();
    }
  }

  @Test
  void bundlesAreCompiledAndTestedBeforeTheyAreAccepted() {
    Account account = Account.create("validation");

    var failing =
        account.upload(
            Map.of("access.rego", POLICY), Map.of("access_test.rego", TESTS + FAILING_TEST));
    assertThat(failing.status()).as(failing.body()).isEqualTo(422);
    assertThat(failing.contentType()).startsWith("application/problem+json");
    assertThat(failing.json().get("failedTests").size()).isEqualTo(1);
    assertThat(failing.json().get("failedTests").get(0).get("name").asString())
        .isEqualTo("test_guests_reach_servers");
    assertThat(failing.json().get("detail").asString()).contains("test_guests_reach_servers");
    assertThat(account.rest().get("/api/v1/policies").json().size()).as("nothing stored").isZero();

    String broken =
        "package meshward.access\n\nimport rego.v1\n\nallow if input.source.name == == \"x\"\n";
    var syntax = account.upload(Map.of("access.rego", broken), Map.of());
    assertThat(syntax.status()).as(syntax.body()).isEqualTo(422);
    JsonNode error = syntax.json().get("errors").get(0);
    assertThat(error.get("file").asString()).isEqualTo("access.rego");
    assertThat(error.get("row").asInt()).isEqualTo(5);
    assertThat(error.get("col").asInt()).isPositive();
    assertThat(syntax.json().get("detail").asString()).contains("access.rego:5:");

    var unsafe =
        account.upload(
            Map.of("access.rego", "package meshward.access\n\nallow if { x == 1 }\n"), Map.of());
    assertThat(unsafe.status()).isEqualTo(422);
    assertThat(unsafe.json().get("detail").asString()).contains("access.rego:3:");
    assertThat(account.rest().get("/api/v1/policies").json().size()).as("nothing stored").isZero();

    var valid = account.upload(Map.of("access.rego", POLICY), Map.of("access_test.rego", TESTS));
    assertThat(valid.status()).as(valid.body()).isEqualTo(201);
    assertThat(valid.json().get("active").asBoolean()).isTrue();
    assertThat(valid.json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void groupsAllowDenyOverridesAndPostureGatesTheMap() throws Exception {
    Account account = Account.create("decisions", "eng", "servers", "quarantine");
    try (AgentDevice laptop = coordinator.device();
        AgentDevice db = coordinator.device();
        AgentDevice web = coordinator.device();
        AgentDevice guest = coordinator.device()) {
      String laptopId = account.enrol(laptop, "laptop", "eng");
      String dbId = account.enrol(db, "db", "servers");
      String webId = account.enrol(web, "web", "servers");
      account.enrol(guest, "guest");
      report(laptop, "windows", "10.0.26100");
      assertThat(account.upload(Map.of("access.rego", POLICY), Map.of("t.rego", TESTS)).status())
          .isEqualTo(201);

      // Group-based allow, limited to SSH, explained with the rules' ids.
      JsonNode allow = account.explain("laptop", "db");
      assertThat(allow.get("decision").asString()).isEqualTo("allow");
      assertThat(strings(allow.get("rules"))).containsExactly("eng-to-servers", "ssh-only");
      assertThat(strings(allow.get("ports"))).containsExactly("tcp/22");
      assertThat(allow.get("engine").asString()).isEqualTo("rego");
      assertThat(allow.get("policy_version").asInt()).isEqualTo(1);
      assertThat(allow.get("posture").get("source").get("os-version").get("verdict").asString())
          .isEqualTo("pass");
      assertThat(allow.get("failed").isNull()).isTrue();

      JsonNode noRule = account.explain("guest", "db");
      assertThat(noRule.get("decision").asString()).isEqualTo("deny");
      assertThat(noRule.get("failed").asString())
          .startsWith("no allow rule matched")
          .contains("eng-to-servers at access.rego:11:1");
      JsonNode reverse = account.explain(dbId, laptopId);
      assertThat(reverse.get("decision").asString()).isEqualTo("deny");

      // The laptop's map lists both servers, outbound SSH only (they may not call back).
      AgentDevice.SyncStream laptopMap = laptop.sync();
      NetworkMap map = until(laptopMap, m -> ids(m).equals(Set.of(dbId, webId)));
      var remoteDb =
          map.getPeersList().stream().filter(p -> p.getPeerId().equals(dbId)).findFirst().get();
      assertThat(remoteDb.getOutboundCount()).isEqualTo(1);
      assertThat(remoteDb.getOutbound(0).getProtocol()).isEqualTo("tcp");
      assertThat(remoteDb.getOutbound(0).getFromPort()).isEqualTo(22);
      assertThat(remoteDb.getOutbound(0).getToPort()).isEqualTo(22);
      assertThat(remoteDb.getInboundCount()).isZero();
      AgentDevice.SyncStream dbMap = db.sync();
      var laptopSeenByDb = until(dbMap, m -> ids(m).equals(Set.of(laptopId))).getPeers(0);
      assertThat(laptopSeenByDb.getInboundCount()).isEqualTo(1);
      assertThat(laptopSeenByDb.getOutboundCount()).isZero();

      // Deny overrides allow: quarantining web cuts it off although the allow rule matches.
      var moved =
          account
              .rest()
              .put(
                  "/api/v1/peers/" + webId + "/groups",
                  Rest.json(
                      Map.of(
                          "groupIds",
                          List.of(
                              account.groups().get("servers"),
                              account.groups().get("quarantine")))));
      assertThat(moved.status()).as(moved.body()).isEqualTo(200);
      JsonNode quarantined = account.explain("laptop", "web");
      assertThat(quarantined.get("decision").asString()).isEqualTo("deny");
      assertThat(strings(quarantined.get("rules"))).containsExactly("quarantine");
      assertThat(strings(quarantined.get("deny_reasons")))
          .containsExactly("quarantine: destination is quarantined");
      until(laptopMap, m -> ids(m).equals(Set.of(dbId)));

      // Posture-gated deny: an outdated Windows fails the os-version plugin, which denies.
      report(laptop, "windows", "10.0.19045");
      JsonNode outdated = account.explain("laptop", "db");
      assertThat(outdated.get("decision").asString()).isEqualTo("deny");
      assertThat(strings(outdated.get("rules"))).containsExactly("os-outdated");
      assertThat(outdated.get("deny_reasons").get(0).asString())
          .startsWith("os-outdated: ")
          .contains("older than");
      assertThat(outdated.get("posture").get("source").get("os-version").get("verdict").asString())
          .isEqualTo("fail");
      until(laptopMap, m -> m.getPeersCount() == 0);
      var flips = account.rest().get("/api/v1/audit?kind=decision.denied&peer=" + laptopId).json();
      assertThat(flips.size()).isPositive();
      // The flip is recorded with the same explanation the endpoint gives.
      assertThat(flips.toString()).contains("os-outdated", "older than", "policy_version");

      report(laptop, "windows", "10.0.26100");
      until(laptopMap, m -> ids(m).equals(Set.of(dbId)));
      var allowedAgain =
          account.rest().get("/api/v1/audit?kind=decision.allowed&peer=" + laptopId).json();
      assertThat(allowedAgain.toString()).contains("eng-to-servers");
    }
  }

  @Test
  void explanationsStayInsideTheCallersAccount() throws Exception {
    Account owner = Account.create("owner", "eng");
    Account stranger = Account.create("stranger");
    try (AgentDevice a = coordinator.device();
        AgentDevice b = coordinator.device()) {
      String aId = owner.enrol(a, "alpha", "eng");
      owner.enrol(b, "beta", "eng");
      assertThat(owner.explain("alpha", "beta").get("failed").asString())
          .contains("no active policy");

      var foreign = stranger.rest().get("/api/v1/decisions?source=" + aId + "&destination=beta");
      assertThat(foreign.status()).isEqualTo(404);
      assertThat(foreign.contentType()).startsWith("application/problem+json");
      var byName = stranger.rest().get("/api/v1/decisions?source=alpha&destination=beta");
      assertThat(byName.status()).isEqualTo(404);
      var anonymous = coordinator.rest(null).get("/api/v1/decisions?source=alpha&destination=beta");
      assertThat(anonymous.status()).isEqualTo(401);
    }
  }

  @Test
  void aPolicyThatFailsAtEvaluationDeniesWithTheEngineError() throws Exception {
    Account account = Account.create("conflicts", "eng");
    try (AgentDevice a = coordinator.device();
        AgentDevice b = coordinator.device()) {
      account.enrol(a, "one", "eng");
      account.enrol(b, "two", "eng");
      String conflicting =
          """
          package meshward.access

          import rego.v1

          allow := true if "eng" in input.source.groups

          allow := false if "eng" in input.destination.groups
          """;
      assertThat(account.upload(Map.of("access.rego", conflicting), Map.of()).status())
          .isEqualTo(201);
      JsonNode failed = account.explain("one", "two");
      assertThat(failed.get("decision").asString()).isEqualTo("deny");
      assertThat(failed.get("failed").asString())
          .startsWith("policy evaluation failed")
          .contains("access.rego:", "conflict");
      AgentDevice.SyncStream stream = a.sync();
      assertThat(stream.nextMap().getPeersCount()).isZero();
    }
  }

  private static void report(AgentDevice device, String platform, String version) throws Exception {
    Struct facts =
        Struct.newBuilder()
            .putFields("os.platform", string(platform))
            .putFields("os.version", string(version))
            .build();
    device
        .agent()
        .reportPosture(
            PostureReport.newBuilder().setFacts(DeviceFacts.newBuilder().setFacts(facts)).build());
  }

  private static com.google.protobuf.Value string(String s) {
    return com.google.protobuf.Value.newBuilder().setStringValue(s).build();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static Set<String> ids(NetworkMap map) {
    Set<String> ids = new HashSet<>();
    map.getPeersList().forEach(p -> ids.add(p.getPeerId()));
    return ids;
  }

  /** Reads maps until one matches (earlier maps may still be in flight). */
  private static NetworkMap until(AgentDevice.SyncStream stream, Predicate<NetworkMap> wanted)
      throws InterruptedException {
    for (int i = 0; i < 10; i++) {
      NetworkMap map = stream.nextMap();
      if (wanted.test(map)) {
        return map;
      }
    }
    throw new AssertionError("no network map as expected arrived");
  }
}
