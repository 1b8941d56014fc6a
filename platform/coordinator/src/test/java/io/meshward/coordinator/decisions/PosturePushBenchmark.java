package io.meshward.coordinator.decisions;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.protocol.v1.AgentGrpc;
import io.meshward.protocol.v1.DeviceFacts;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PostureReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Measures (never asserts) how long a posture report takes to reach every connected agent as an
 * updated network map: a real coordinator (H2, the built os-version plugin, the Rego engine),
 * {@value #DEFAULT_AGENTS} devices enrolled and syncing over real mutual-TLS gRPC, and a policy
 * under which every peer of group {@code all} reaches every other whose os-version verdict is
 * {@code pass}. Each round one device reports an outdated Windows (or recovers) and every other
 * stream is watched until its map lacks (or lists) that device; two warm-up rounds are not counted.
 * Run with {@code ./mvnw -q -pl platform/coordinator test -Dtest=PosturePushBenchmark
 * -Dmeshward.benchmark=true}; {@code -Dmeshward.benchmark.agents=N} and {@code
 * -Dmeshward.benchmark.rounds=N} change the scale.
 */
@EnabledIfSystemProperty(named = "meshward.benchmark", matches = "true")
class PosturePushBenchmark {

  static final int DEFAULT_AGENTS = 1000;
  static final String CURRENT_WINDOWS = "10.0.26100";
  static final String OUTDATED_WINDOWS = "10.0.19045";

  static final String POLICY =
      """
      package meshward.access

      import rego.v1

      default allow := false

      # METADATA
      # custom:
      #   id: all-with-current-os
      allow if {
      	"all" in input.source.groups
      	"all" in input.destination.groups
      	object.get(input.source.posture, "os-version", {}).verdict == "pass"
      	object.get(input.destination.posture, "os-version", {}).verdict == "pass"
      }
      """;

  /** The same minimum Windows build as the decisions feature test. */
  @Configuration(proxyBeanMethods = false)
  @PropertySource("classpath:decisions-feature-test.properties")
  static class PosturePluginSettings {}

  @TempDir Path dataDir;

  /** One enrolled device, the stub it reports posture on, and its open Sync stream. */
  record Agent(AgentDevice device, String peerId, AgentGrpc.AgentBlockingStub stub) {}

  @Test
  void measure() throws Exception {
    int agentCount = Integer.getInteger("meshward.benchmark.agents", DEFAULT_AGENTS);
    int rounds = Integer.getInteger("meshward.benchmark.rounds", 20);
    Path built = Path.of(System.getProperty("meshward.test.posture-plugins"));
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    Files.copy(built.resolve("os-version.zip"), plugins.resolve("os-version.zip"));

    List<Agent> agents = new ArrayList<>();
    try (var coordinator =
        RunningCoordinator.start(TestDatabase.H2, dataDir, PosturePluginSettings.class)) {
      Rest admin = coordinator.admin();
      String groupId =
          check(admin.post("/api/v1/groups", Rest.json(Map.of("name", "all"))), 201)
              .json()
              .get("id")
              .asString();
      String key =
          check(
                  admin.post(
                      "/api/v1/setup-keys",
                      Rest.json(
                          Map.of(
                              "name",
                              "benchmark",
                              "reusable",
                              true,
                              "usageLimit",
                              agentCount,
                              "autoGroups",
                              List.of(groupId)))),
                  201)
              .json()
              .get("key")
              .asString();

      long e0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Agent>> enrolled = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
          String hostname = "agent-" + i;
          enrolled.add(
              pool.submit(
                  () -> {
                    AgentDevice device = coordinator.device();
                    String peerId = device.enrol(key, hostname).getPeerId();
                    AgentGrpc.AgentBlockingStub stub = device.agent();
                    report(stub, CURRENT_WINDOWS);
                    return new Agent(device, peerId, stub);
                  }));
        }
        for (Future<Agent> f : enrolled) {
          agents.add(f.get());
        }
      } finally {
        pool.shutdown();
      }
      long e1 = System.nanoTime();
      System.out.printf(
          "enrolled %d devices and reported posture: %.1f s%n", agentCount, (e1 - e0) / 1e9);

      var bundle = new LinkedHashMap<String, Object>();
      bundle.put("modules", Map.of("access.rego", POLICY));
      check(admin.post("/api/v1/policies", Rest.json(bundle)), 201);
      long p1 = System.nanoTime();
      System.out.printf("policy uploaded and activated: %.1f s%n", (p1 - e1) / 1e9);

      List<AgentDevice.SyncStream> streams = new ArrayList<>();
      for (Agent agent : agents) {
        streams.add(agent.device().sync());
      }
      int everyoneElse = agentCount - 1;
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < agentCount; i++) {
        all.add(i);
      }
      int[] fullMapBytes = {0};
      waitFor(
          streams,
          all,
          m -> {
            fullMapBytes[0] = m.getSerializedSize();
            return m.getPeersCount() == everyoneElse;
          },
          System.nanoTime(),
          null);
      long s1 = System.nanoTime();
      System.out.printf(
          "%d Sync streams open, each with its full map of %d peers (%,d bytes): %.1f s%n",
          agentCount, everyoneElse, fullMapBytes[0], (s1 - p1) / 1e9);

      List<Long> samples = new ArrayList<>();
      List<Long> lastArrivals = new ArrayList<>();
      // Two warm-up rounds (the last device fails and recovers) are printed but not counted.
      for (int round = -2; round < rounds; round++) {
        int changed = round < 0 ? agentCount - 1 : round / 2 % agentCount;
        boolean failing = (round + 2) % 2 == 0;
        String peerId = agents.get(changed).peerId();
        List<Integer> watched = new ArrayList<>(all);
        watched.remove(Integer.valueOf(changed));
        quiesce(streams);
        Predicate<NetworkMap> reflects = failing ? m -> !lists(m, peerId) : m -> lists(m, peerId);
        long[] latencies = new long[watched.size()];
        long t0 = System.nanoTime();
        report(agents.get(changed).stub(), failing ? OUTDATED_WINDOWS : CURRENT_WINDOWS);
        long acked = System.nanoTime();
        waitFor(streams, watched, reflects, t0, latencies);
        long last = Arrays.stream(latencies).max().orElse(0);
        if (round >= 0) {
          for (long l : latencies) {
            samples.add(l);
          }
          lastArrivals.add(last);
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf(
            "%s %d: device %d %s; report acknowledged %.1f ms; %d streams: median %.1f ms,"
                + " p99 %.1f ms, last %.1f ms%n",
            round < 0 ? "warm-up" : "round",
            round,
            changed,
            failing ? "fails" : "recovers",
            (acked - t0) / 1e6,
            watched.size(),
            percentile(sorted, 50) / 1e6,
            percentile(sorted, 99) / 1e6,
            last / 1e6);
      }
      long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
      long[] lastSorted = lastArrivals.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          "RESULT posture-push agents=%d rounds=%d samples=%d median=%.1fms p99=%.1fms"
              + " max=%.1fms last-stream-median=%.1fms last-stream-max=%.1fms%n",
          agentCount,
          rounds,
          sorted.length,
          percentile(sorted, 50) / 1e6,
          percentile(sorted, 99) / 1e6,
          sorted[sorted.length - 1] / 1e6,
          percentile(lastSorted, 50) / 1e6,
          lastSorted[lastSorted.length - 1] / 1e6);
    } finally {
      agents.forEach(a -> a.device().close());
    }
  }

  /**
   * Sweeps the watched streams until each has delivered a map that satisfies the condition,
   * recording for stream {@code watched[i]} the nanoseconds from {@code t0} (when latencies is not
   * null). A sweep takes well under a millisecond; between empty sweeps this thread sleeps 1 ms, so
   * each sample may be up to about a millisecond late.
   */
  private static void waitFor(
      List<AgentDevice.SyncStream> streams,
      List<Integer> watched,
      Predicate<NetworkMap> condition,
      long t0,
      long[] latencies)
      throws InterruptedException {
    boolean[] done = new boolean[watched.size()];
    int remaining = watched.size();
    long deadline = t0 + Duration.ofMinutes(10).toNanos();
    while (remaining > 0) {
      boolean progress = false;
      for (int i = 0; i < watched.size(); i++) {
        if (done[i]) {
          continue;
        }
        AgentDevice.SyncStream stream = streams.get(watched.get(i));
        Object event;
        while (!done[i] && (event = stream.poll(Duration.ZERO)) != null) {
          if (!(event instanceof NetworkMap map)) {
            throw new AssertionError("stream " + watched.get(i) + " ended: " + event);
          }
          if (condition.test(map)) {
            done[i] = true;
            remaining--;
            progress = true;
            if (latencies != null) {
              latencies[i] = System.nanoTime() - t0;
            }
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(remaining + " streams never received the expected map");
      }
      if (!progress) {
        Thread.sleep(1);
      }
    }
  }

  /** Drains maps still in flight until no stream has received one for half a second. */
  private static void quiesce(List<AgentDevice.SyncStream> streams) throws InterruptedException {
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < Duration.ofMillis(500).toNanos()) {
      for (AgentDevice.SyncStream stream : streams) {
        Object event;
        while ((event = stream.poll(Duration.ZERO)) != null) {
          if (!(event instanceof NetworkMap)) {
            throw new AssertionError("a stream ended: " + event);
          }
          quietSince = System.nanoTime();
        }
      }
      Thread.sleep(10);
    }
  }

  private static boolean lists(NetworkMap map, String peerId) {
    for (var peer : map.getPeersList()) {
      if (peer.getPeerId().equals(peerId)) {
        return true;
      }
    }
    return false;
  }

  private static void report(AgentGrpc.AgentBlockingStub stub, String windowsVersion) {
    Struct facts =
        Struct.newBuilder()
            .putFields("os.platform", Value.newBuilder().setStringValue("windows").build())
            .putFields("os.version", Value.newBuilder().setStringValue(windowsVersion).build())
            .build();
    stub.reportPosture(
        PostureReport.newBuilder().setFacts(DeviceFacts.newBuilder().setFacts(facts)).build());
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
