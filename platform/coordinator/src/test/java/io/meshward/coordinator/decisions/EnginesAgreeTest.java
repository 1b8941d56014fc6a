package io.meshward.coordinator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.networkmap.AccessDecision;
import io.meshward.coordinator.networkmap.AccountSnapshot;
import io.meshward.policy.engine.local.RegoPolicyEngine;
import io.meshward.policy.server.OpaServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Both engines are judged by the same interpreter: the in-process engine and an OPA-compatible
 * server on a real loopback socket (serving the same bundle) reach the same decisions, and an OPA
 * that cannot be reached denies with a reason naming it.
 */
class EnginesAgreeTest {

  static final String POLICY =
      """
      package meshward.access

      import rego.v1

      allow if {
      	"eng" in input.source.groups
      	"servers" in input.destination.groups
      }

      allow if {
      	"ops" in input.source.groups
      	data.meshward.groups.servers.members[_] == input.destination.id
      }

      ports contains "tcp/22" if "servers" in input.destination.groups

      ports contains "tcp/443" if data.https[input.destination.name]

      deny contains "posture" if input.source.posture.disk.verdict != "pass"
      """;

  static final String DATA = "{\"https\": {\"web\": true}}";

  private static AccountSnapshot snapshot() {
    return snapshot(POLICY, false);
  }

  /** The six peers; {@code guestJoinsEng} moves the guest into "eng". */
  private static AccountSnapshot snapshot(String policy, boolean guestJoinsEng) {
    Map<String, AccountSnapshot.PeerFacts> peers = new HashMap<>();
    String[][] spec = {
      {"p1", "laptop", "eng"},
      {"p2", "ops-box", "ops"},
      {"p3", "db", "servers"},
      {"p4", "web", "servers"},
      {"p5", "guest", guestJoinsEng ? "eng" : ""},
      {"p6", "old-laptop", "eng"}
    };
    for (String[] s : spec) {
      Set<String> groups = s[2].isEmpty() ? Set.of() : Set.of(s[2]);
      peers.put(
          s[0],
          new AccountSnapshot.PeerFacts(
              s[0],
              s[1],
              "100.64.0." + s[0].substring(1),
              "key-" + s[0],
              "linux",
              List.of(),
              groups,
              groups));
    }
    return new AccountSnapshot(
        "account",
        "100.64.0.0/10",
        Optional.of(new AccountSnapshot.ActivePolicy(3, Map.of("access.rego", policy), DATA)),
        peers,
        Map.of("g1", "eng", "g2", "ops", "g3", "servers"));
  }

  private static Map<String, Object> posture(String peer) {
    String verdict = peer.equals("p6") ? "fail" : "pass";
    return Map.of("disk", Map.of("verdict", verdict, "reason", "test", "facts", Map.of()));
  }

  private static PairEvaluator evaluator(PolicyEngines engines, AccountSnapshot snapshot) {
    return new PairEvaluator(
        engines.prepare(snapshot),
        new PeerInputs(snapshot, Map.of(), EnginesAgreeTest::posture),
        System.currentTimeMillis() * 1_000_000L,
        Duration.ofSeconds(5));
  }

  private static DecisionsProperties properties(EngineKind kind, URI opa) {
    return new DecisionsProperties(
        kind,
        Duration.ofSeconds(5),
        null,
        null,
        null,
        new DecisionsProperties.Opa(opa, null, Duration.ofSeconds(1)));
  }

  private static Set<String> allowed(AccessDecision decision) {
    return decision.allowed().stream()
        .map(c -> c.from() + "->" + c.to() + " " + c.rules())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void regoAndOpaOverHttpDecideAlike() throws Exception {
    AccountSnapshot snapshot = snapshot();
    Set<String> everyone = snapshot.peers().keySet();
    try (var rego = new PolicyEngines(properties(EngineKind.REGO, null))) {
      AccessDecision local = PolicyAccessDecider.decide(evaluator(rego, snapshot), everyone);
      var served =
          RegoPolicyEngine.compile(
              Map.of("access.rego", POLICY),
              BundleData.of(DATA, snapshot),
              RegoPolicyEngine.Options.DEFAULTS);
      try (OpaServer server =
              OpaServer.start(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                  served,
                  OpaServer.Settings.DEFAULTS);
          var opa = new PolicyEngines(properties(EngineKind.OPA, server.baseUri()))) {
        AccessDecision remote = PolicyAccessDecider.decide(evaluator(opa, snapshot), everyone);
        assertThat(allowed(remote)).isEqualTo(allowed(local));
      }
      assertThat(allowed(local))
          .containsExactly(
              "p1->p3 [PortRule[protocol=tcp, fromPort=22, toPort=22]]",
              "p1->p4 [PortRule[protocol=tcp, fromPort=22, toPort=22],"
                  + " PortRule[protocol=tcp, fromPort=443, toPort=443]]",
              "p2->p3 [PortRule[protocol=tcp, fromPort=22, toPort=22]]",
              "p2->p4 [PortRule[protocol=tcp, fromPort=22, toPort=22],"
                  + " PortRule[protocol=tcp, fromPort=443, toPort=443]]");
      // Only the subject's pairs are decided.
      AccessDecision one = PolicyAccessDecider.decide(evaluator(rego, snapshot), Set.of("p3"));
      assertThat(one.allowed())
          .extracting(c -> c.from() + "->" + c.to())
          .containsExactlyInAnyOrder("p1->p3", "p2->p3");
    }
  }

  @Test
  void anUnreachableOpaDeniesWithAReadableReason() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + closedPort);
    try (var opa = new PolicyEngines(properties(EngineKind.OPA, url))) {
      PairEvaluator evaluator = evaluator(opa, snapshot());
      PairDecision d = evaluator.decide("p1", "p3");
      assertThat(d.allowed()).isFalse();
      assertThat(d.failed())
          .startsWith("policy evaluation failed")
          .contains("127.0.0.1:" + closedPort);
      assertThat(PolicyAccessDecider.decide(evaluator, Set.of("p1", "p3")).allowed()).isEmpty();
      assertThat(evaluator.bundle().cache()).as("failures are never shared").isEmpty();
    }
  }

  @Test
  void onlyPoliciesReadingGroupsOrPeersDataAreRecompiledWhenMembershipChanges() {
    String inputOnly =
        "package meshward.access\n\nimport rego.v1\n\nallow if \"eng\" in input.source.groups\n";
    try (var rego = new PolicyEngines(properties(EngineKind.REGO, null))) {
      ActiveBundle before = rego.prepare(snapshot(inputOnly, false));
      assertThat(before.readsAccountData()).isFalse();
      assertThat(rego.prepare(snapshot(inputOnly, true))).isSameAs(before);

      ActiveBundle reading = rego.prepare(snapshot(POLICY, false));
      assertThat(reading.readsAccountData()).isTrue();
      assertThat(rego.prepare(snapshot(POLICY, false))).isSameAs(reading);
      ActiveBundle moved = rego.prepare(snapshot(POLICY, true));
      assertThat(moved).isNotSameAs(reading);
      // The recompiled bundle sees the new membership: the guest, now in eng, reaches db.
      PairEvaluator evaluator =
          new PairEvaluator(
              moved,
              new PeerInputs(snapshot(POLICY, true), Map.of(), EnginesAgreeTest::posture),
              0,
              Duration.ofSeconds(5));
      assertThat(evaluator.decide("p5", "p3").allowed()).isTrue();
    }
  }

  @Test
  void peersThatLookAlikeShareDecisions() {
    AccountSnapshot snapshot = snapshot();
    try (var rego = new PolicyEngines(properties(EngineKind.REGO, null))) {
      PairEvaluator evaluator = evaluator(rego, snapshot);
      InputUsage usage = evaluator.bundle().usage();
      // The policy reads id and name of the destination (data lookups), only groups and posture
      // of the source.
      assertThat(usage.sourceFields()).containsExactlyInAnyOrder("groups", "posture");
      assertThat(usage.destinationFields()).containsExactlyInAnyOrder("groups", "id", "name");
      assertThat(usage.cacheable()).isTrue();
      PolicyAccessDecider.decide(evaluator, snapshot.peers().keySet());
      assertThat(evaluator.bundle().cache().size()).isLessThan(30); // 6 x 5 pairs
    }
  }
}
