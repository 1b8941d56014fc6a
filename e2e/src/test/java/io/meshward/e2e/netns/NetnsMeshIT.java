package io.meshward.e2e.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Real WireGuard tunnels between agents in their own network namespaces, with the coordinator and
 * the relay in a hub namespace: policy and posture decide what flows directly, and the relay
 * enforces policy on its own. Needs root, /dev/net/tun and the tools ({@link NetnsPrerequisites}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetnsMeshIT {

  private static final int ALLOWED_PORT = 8080;
  private static final int OTHER_PORT = 9090;
  private static final Duration CONVERGE = Duration.ofMinutes(3);

  /**
   * The agent's default: agents keep a persistent keepalive to every peer, so a direct path proves
   * itself with a handshake long before this passes, with or without traffic.
   */
  private static final String DIRECT_TIMEOUT = "5s";

  /**
   * Peers sharing a "pair-*" group, on tcp/8080 only while both pass os-version; "outsider" peers
   * reach nobody.
   */
  private static final String POLICY =
      """
      package meshward.access

      import rego.v1

      default allow := false

      allow if {
      \tsome group in input.source.groups
      \tstartswith(group, "pair-")
      \tgroup in input.destination.groups
      \tinput.source.posture["os-version"].verdict == "pass"
      \tinput.destination.posture["os-version"].verdict == "pass"
      }

      ports contains "tcp/8080" if true

      deny contains {"id": "outsider", "reason": sprintf("%s is an outsider", [peer.name])} if {
      \tsome peer in [input.source, input.destination]
      \t"outsider" in peer.groups
      }

      deny contains {"id": "os-outdated", "reason": sprintf("%s: os-version %s", [peer.name, check.verdict])} if {
      \tsome peer in [input.source, input.destination]
      \tcheck := peer.posture["os-version"]
      \tcheck.verdict != "pass"
      }
      """;

  /** The same policy with every pair denied. */
  private static final String POLICY_CUT =
      POLICY
          + """

          deny contains {"id": "cut", "reason": "every pair cut by the test"} if true
          """;

  private NetnsTopology topology;
  private NetnsMesh mesh;
  private NetnsAdmin admin;
  private NetnsAdmin.SetupKey outsiderKey;
  private final Map<String, NetnsAdmin.SetupKey> pairKeys = new HashMap<>();

  @BeforeAll
  void startHub() throws IOException {
    NetnsPrerequisites.require();
    topology = NetnsTopology.create();
    Path workDir =
        Path.of(System.getProperty("meshward.e2e.log-dir", "target/e2e-logs"))
            .toAbsolutePath()
            .resolve("netns-" + topology.run());
    Files.createDirectories(workDir);
    mesh = new NetnsMesh(topology, workDir);
    try {
      admin = mesh.startCoordinator();
      // One pair group per test, so no test's agents see those of another (a tampered agent
      // keeps the first peer list it gets).
      for (String pair : List.of("pair-direct", "pair-relayed", "pair-restart")) {
        pairKeys.put(pair, admin.createSetupKey(pair, List.of(admin.createGroup(pair))));
      }
      String outsider = admin.createGroup("outsider");
      outsiderKey = admin.createSetupKey("outsider", List.of(outsider));
      admin.activatePolicy(POLICY);
      mesh.startRelay();
    } catch (RuntimeException | Error e) {
      stopAll();
      throw e;
    }
  }

  @AfterAll
  void stopAll() {
    try {
      if (mesh != null) {
        mesh.close();
      }
    } finally {
      if (topology != null) {
        topology.close();
      }
    }
  }

  @Test
  @Order(1)
  void policyAndPostureDecideWhatFlowsThroughDirectTunnels() {
    topology.forwarding(true);
    NetnsMesh.Agent a = mesh.startAgent("a", 1, pairKeys.get("pair-direct"), DIRECT_TIMEOUT, false);
    NetnsMesh.Agent b = mesh.startAgent("b", 2, pairKeys.get("pair-direct"), DIRECT_TIMEOUT, false);
    NetnsMesh.Agent c = mesh.startAgent("c", 3, outsiderKey, DIRECT_TIMEOUT, false);
    for (NetnsMesh.Agent agent : List.of(a, b, c)) {
      mesh.listen(agent.namespace(), agent.name(), ALLOWED_PORT);
      mesh.listen(agent.namespace(), agent.name(), OTHER_PORT);
    }
    String addressA = a.meshAddress();
    String addressB = b.meshAddress();
    String addressC = c.meshAddress();

    eventually("A reaches B on tcp/8080", () -> connects(a, addressB, ALLOWED_PORT));
    eventually("B reaches A on tcp/8080", () -> connects(b, addressA, ALLOWED_PORT));
    String directB = NetnsTopology.underlay(b.index()) + ":" + NetnsMesh.WIREGUARD_PORT;
    String directA = NetnsTopology.underlay(a.index()) + ":" + NetnsMesh.WIREGUARD_PORT;
    assertThat(a.wireGuardEndpoints()).as("A talks to B directly").contains(directB);
    assertThat(b.wireGuardEndpoints()).as("B talks to A directly").contains(directA);
    eventually("A's status shows B as direct", () -> "direct".equals(a.peerPaths().get("b")));

    // The listener on the other port works; only the filter keeps A out.
    assertThat(connects(b, "127.0.0.1", OTHER_PORT)).as("B's own listener on 9090").isTrue();
    assertThat(connects(a, addressB, OTHER_PORT)).as("A -> B tcp/9090 must be dropped").isFalse();
    assertThat(connects(b, addressA, OTHER_PORT)).as("B -> A tcp/9090 must be dropped").isFalse();

    assertThat(connects(c, addressA, ALLOWED_PORT)).as("C -> A").isFalse();
    assertThat(connects(c, addressB, ALLOWED_PORT)).as("C -> B").isFalse();
    assertThat(connects(a, addressC, ALLOWED_PORT)).as("A -> C").isFalse();
    assertThat(connects(b, addressC, ALLOWED_PORT)).as("B -> C").isFalse();
    assertThat(c.wireGuardEndpoints()).as("C has no peers").isBlank();

    b.writeFacts("11");
    eventually("posture below the minimum cuts A -> B", () -> !connects(a, addressB, ALLOWED_PORT));
    eventually("... and B -> A", () -> !connects(b, addressA, ALLOWED_PORT));

    b.writeFacts("12");
    eventually("restored posture restores A -> B", () -> connects(a, addressB, ALLOWED_PORT));

    for (NetnsMesh.Agent agent : List.of(a, b, c)) {
      mesh.stop(agent);
    }
    topology.forwarding(false);
  }

  @Test
  @Order(2)
  void relayForwardsAllowedPairsOnlyEvenForTamperedAgents() {
    topology.forwarding(false);
    admin.activatePolicy(POLICY);
    // Both keep their first peer list: only the relay can stop their traffic.
    NetnsMesh.Agent d = mesh.startAgent("d", 4, pairKeys.get("pair-relayed"), "5s", true);
    NetnsMesh.Agent e = mesh.startAgent("e", 5, pairKeys.get("pair-relayed"), "5s", true);
    mesh.listen(e.namespace(), e.name(), ALLOWED_PORT);
    String addressE = e.meshAddress();

    assertThat(pings(d, NetnsTopology.underlay(e.index())))
        .as("D has no route to E's namespace")
        .isFalse();
    assertThat(pings(d, NetnsTopology.HUB)).as("D reaches the relay's namespace").isTrue();

    eventually("D reaches E through the relay", () -> connects(d, addressE, ALLOWED_PORT));
    assertThat(d.wireGuardEndpoints())
        .as("D's endpoint for E is not E's own address")
        .doesNotContain(NetnsTopology.underlay(e.index()));
    assertThat(d.peerPaths()).as("D's status").containsEntry("e", "relay");
    assertThat(mesh.metric("meshward_relay_packets_forwarded_total", null))
        .as("relay forwarded packets")
        .isPositive();

    double droppedBefore = mesh.metric("meshward_relay_packets_dropped_total", "pair_not_allowed");
    admin.activatePolicy(POLICY_CUT);
    eventually("the relay stops forwarding D -> E", () -> !connects(d, addressE, ALLOWED_PORT));
    assertThat(e.wireGuardEndpoints())
        .as("E (tampered) still has D in its WireGuard configuration")
        .isNotBlank();
    eventually(
        "the relay counts pair_not_allowed drops",
        () -> {
          connects(d, addressE, ALLOWED_PORT);
          return mesh.metric("meshward_relay_packets_dropped_total", "pair_not_allowed")
              > droppedBefore;
        });

    mesh.stop(d);
    mesh.stop(e);
    admin.activatePolicy(POLICY);
  }

  @Test
  @Order(3)
  void agentsReconnectAfterTheRelayRestarts() {
    topology.forwarding(false);
    admin.activatePolicy(POLICY);
    NetnsMesh.Agent f = mesh.startAgent("f", 6, pairKeys.get("pair-restart"), "5s", false);
    NetnsMesh.Agent g = mesh.startAgent("g", 7, pairKeys.get("pair-restart"), "5s", false);
    mesh.listen(g.namespace(), g.name(), ALLOWED_PORT);
    String addressG = g.meshAddress();

    eventually("F reaches G through the relay", () -> connects(f, addressG, ALLOWED_PORT));

    mesh.killRelay();
    eventually("nothing flows without the relay", () -> !connects(f, addressG, ALLOWED_PORT));

    mesh.restartRelay();
    eventually(
        "traffic resumes after the relay restarts", () -> connects(f, addressG, ALLOWED_PORT));

    mesh.stop(f);
    assertThat(f.dataPlaneLeft()).as("a stopped agent removes its interface and filter").isFalse();

    // A crashed agent leaves them behind; `down` removes them.
    assertThat(g.dataPlaneLeft()).isTrue();
    mesh.kill(g);
    assertThat(g.dataPlaneLeft()).as("a killed agent leaves its interface").isTrue();
    Shell down = mesh.down(g);
    assertThat(down.succeeded()).as("down: " + down.output()).isTrue();
    assertThat(down.output()).contains("removed the interface");
    assertThat(g.dataPlaneLeft()).as("down removed the interface and the filter").isFalse();
  }

  /**
   * Not a test of speed (nothing is asserted about it): prints the median time of a fixed-size TCP
   * transfer between two namespaces through a direct tunnel, through the relay and over the plain
   * veth links, for docs/benchmarks.md. Run with {@code -Dmeshward.netns.benchmark=true}.
   */
  @Test
  @Order(4)
  @EnabledIfSystemProperty(named = "meshward.netns.benchmark", matches = "true")
  void throughputDirectRelayedAndPlain() {
    int megabytes = Integer.getInteger("meshward.netns.benchmark.mb", 64);
    int runs = Integer.getInteger("meshward.netns.benchmark.runs", 5);
    admin.activatePolicy(POLICY);
    topology.forwarding(true);
    NetnsMesh.Agent h = mesh.startAgent("h", 8, pairKeys.get("pair-direct"), DIRECT_TIMEOUT, false);
    NetnsMesh.Agent i = mesh.startAgent("i", 9, pairKeys.get("pair-direct"), DIRECT_TIMEOUT, false);
    mesh.listenDiscarding(i.namespace(), i.name(), ALLOWED_PORT);
    String addressI = i.meshAddress();
    eventually("H reaches I directly", () -> connects(h, addressI, ALLOWED_PORT));
    String plain =
        NetnsMesh.median(h, NetnsTopology.underlay(i.index()), ALLOWED_PORT, megabytes, runs);
    String direct = NetnsMesh.median(h, addressI, ALLOWED_PORT, megabytes, runs);
    mesh.stop(h);
    mesh.stop(i);

    topology.forwarding(false);
    NetnsMesh.Agent j = mesh.startAgent("j", 10, pairKeys.get("pair-restart"), "5s", false);
    NetnsMesh.Agent k = mesh.startAgent("k", 11, pairKeys.get("pair-restart"), "5s", false);
    mesh.listenDiscarding(k.namespace(), k.name(), ALLOWED_PORT);
    String addressK = k.meshAddress();
    eventually("J reaches K through the relay", () -> connects(j, addressK, ALLOWED_PORT));
    String relayed = NetnsMesh.median(j, addressK, ALLOWED_PORT, megabytes, runs);
    mesh.stop(j);
    mesh.stop(k);
    System.out.printf(
        "netns throughput, %d MB per transfer, median of %d: plain veth %s, direct WireGuard %s,"
            + " relayed WireGuard %s%n",
        megabytes, runs, plain, direct, relayed);
  }

  /**
   * Not a test of speed (nothing is asserted about it): the time from a policy activation at the
   * coordinator to the relay dropping (or forwarding again) the packets of a pair, seen in the
   * relay's own counters while one agent pings the other every 5 ms. Both agents ignore peer-list
   * updates, so only the relay stops the traffic. Prints medians and p99 for docs/benchmarks.md.
   * Run with {@code -Dmeshward.netns.benchmark=true}.
   */
  @Test
  @Order(6)
  @EnabledIfSystemProperty(named = "meshward.netns.benchmark", matches = "true")
  void policyChangeToRelayDrop() throws InterruptedException {
    int rounds = Integer.getInteger("meshward.netns.benchmark.rounds", 20);
    topology.forwarding(false);
    int allowVersion = admin.uploadPolicy(POLICY);
    int cutVersion = admin.uploadPolicy(POLICY_CUT);
    admin.activateVersion(allowVersion);
    NetnsMesh.Agent r = mesh.startAgent("r", 14, pairKeys.get("pair-relayed"), "5s", true);
    NetnsMesh.Agent s = mesh.startAgent("s", 15, pairKeys.get("pair-relayed"), "5s", true);
    mesh.listen(s.namespace(), s.name(), ALLOWED_PORT);
    String addressS = s.meshAddress();
    eventually("R reaches S through the relay", () -> connects(r, addressS, ALLOWED_PORT));
    mesh.pingContinuously(r, addressS);

    List<Double> toDrop = new java.util.ArrayList<>();
    List<Double> toForward = new java.util.ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      boolean cut = round % 2 == 0;
      Thread.sleep(500); // packets flow (or are dropped) steadily before the change
      String counter =
          cut ? "meshward_relay_packets_dropped_total" : "meshward_relay_packets_forwarded_total";
      String reason = cut ? "pair_not_allowed" : null;
      double before = mesh.metric(counter, reason);
      long start = System.nanoTime();
      admin.activateVersion(cut ? cutVersion : allowVersion);
      while (mesh.metric(counter, reason) <= before) {
        if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
          throw new AssertionError("round " + round + ": the relay did not react" + mesh.logs());
        }
        Thread.sleep(1);
      }
      (cut ? toDrop : toForward).add((System.nanoTime() - start) / 1e6);
    }
    mesh.stop(r);
    mesh.stop(s);
    admin.activateVersion(allowVersion);
    System.out.printf(
        "policy change -> relay, %d rounds: drops start median %s ms (p99 %s ms);"
            + " forwarding resumes median %s ms (p99 %s ms)%n",
        rounds,
        percentile(toDrop, 50),
        percentile(toDrop, 99),
        percentile(toForward, 50),
        percentile(toForward, 99));
  }

  private static String percentile(List<Double> samples, int p) {
    List<Double> sorted = samples.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return String.format(
        java.util.Locale.ROOT, "%.0f", sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
  }

  private static boolean connects(NetnsMesh.Agent from, String address, int port) {
    return NetnsTopology.tcpConnects(from.namespace(), address, port);
  }

  private static boolean pings(NetnsMesh.Agent from, String address) {
    return Shell.run(
            NetnsTopology.in(from.namespace(), List.of("ping", "-c", "1", "-W", "2", address)))
        .succeeded();
  }

  private void eventually(String what, Callable<Boolean> condition) {
    try {
      await(what).atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(what + " did not happen within " + CONVERGE + mesh.logs(), e);
    } catch (UncheckedIOException e) {
      throw new AssertionError(what + mesh.logs(), e);
    }
  }
}
