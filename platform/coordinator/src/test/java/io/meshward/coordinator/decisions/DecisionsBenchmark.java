package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccessDecision;
import io.meshward.coordinator.networkmap.AccountSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Network-map decisions at scale, with a seeded generator: peers in 2-3 of the groups each, allow
 * rules keyed on (source group, destination group) membership, and posture-gated deny rules.
 * Measures a full computation for every peer (allowed pairs counted) and the incremental update
 * after one peer's posture verdict flips. Not a test: run it by hand (see docs/benchmarks.md).
 *
 * <p>Arguments (all optional): peers groups allowRules denyRules seed rounds.
 */
public final class DecisionsBenchmark {

  private static final int PLUGINS = 5;

  public static void main(String[] args) {
    int peers = arg(args, 0, 10_000);
    int groups = arg(args, 1, 500);
    int allowRules = arg(args, 2, 2_000);
    int denyRules = arg(args, 3, 50);
    long seed = arg(args, 4, 42);
    int rounds = arg(args, 5, 5);
    Random random = new Random(seed);

    Map<String, AccountSnapshot.PeerFacts> facts = new HashMap<>();
    Map<String, String> groupNames = new HashMap<>();
    for (int g = 0; g < groups; g++) {
      groupNames.put("gid" + g, "g" + g);
    }
    Map<String, Map<String, Object>> posture = new HashMap<>();
    for (int p = 0; p < peers; p++) {
      TreeSet<String> names = new TreeSet<>();
      int count = 2 + random.nextInt(2);
      while (names.size() < count) {
        names.add("g" + random.nextInt(groups));
      }
      String id = "peer-" + p;
      facts.put(
          id,
          new AccountSnapshot.PeerFacts(
              id,
              "host-" + p,
              "100.64." + (p / 250) + "." + (p % 250 + 1),
              "key" + p,
              "linux",
              List.of(),
              Set.copyOf(names),
              Set.copyOf(names)));
      Map<String, Object> checks = new HashMap<>();
      for (int c = 0; c < PLUGINS; c++) {
        // One device in twenty fails each check.
        checks.put("check-" + c, verdict(random.nextInt(20) == 0 ? "fail" : "pass"));
      }
      posture.put(id, checks);
    }
    String policy = policy(random, groups, allowRules, denyRules);
    AccountSnapshot snapshot =
        new AccountSnapshot(
            "bench",
            "100.64.0.0/10",
            Optional.of(new AccountSnapshot.ActivePolicy(1, Map.of("access.rego", policy), null)),
            Map.copyOf(facts),
            groupNames);
    System.out.printf(
        "peers=%d groups=%d allowRules=%d denyRules=%d seed=%d cores=%d%n",
        peers, groups, allowRules, denyRules, seed, Runtime.getRuntime().availableProcessors());

    DecisionsProperties properties =
        new DecisionsProperties(
            EngineKind.REGO, Duration.ofSeconds(5), null, null, 2_000_000, null);
    try (PolicyEngines engines = new PolicyEngines(properties)) {
      long t0 = System.nanoTime();
      ActiveBundle bundle = engines.prepare(snapshot);
      System.out.printf(
          "compile: %d ms; pruning by %s; shared decisions: %s%n",
          ms(t0),
          bundle.pruner().prunesNothing()
              ? "nothing"
              : bundle.pruner().requirements().size() + " requirements",
          bundle.usage().cacheable());

      List<Long> full = new ArrayList<>();
      long allowed = 0;
      int fullRounds = Math.max(1, rounds / 2);
      for (int r = 0; r < fullRounds; r++) {
        bundle.cache().clear(); // each full round starts cold
        long t = System.nanoTime();
        long cpu = cpuNanos();
        AccessDecision d =
            PolicyAccessDecider.decide(evaluator(bundle, snapshot, posture), facts.keySet());
        full.add(ms(t));
        allowed = d.allowed().size();
        System.out.printf(
            "full computation round %d: %d ms wall, %d ms CPU (all threads), %d allowed pairs%n",
            r, full.get(r), (cpuNanos() - cpu) / 1_000_000, allowed);
        System.out.printf(
            "  shared-decision lookups %d, hits %d, sharing still on: %s%n",
            bundle.lookups().sum(), bundle.hits().sum(), bundle.sharing());
      }

      List<Long> incremental = new ArrayList<>();
      List<String> ids = new ArrayList<>(new TreeSet<>(facts.keySet()));
      for (int r = 0; r < rounds; r++) {
        String flipped = ids.get(random.nextInt(ids.size()));
        Map<String, Object> checks = new HashMap<>(posture.get(flipped));
        @SuppressWarnings("unchecked")
        Map<String, Object> c0 = (Map<String, Object>) checks.get("check-0");
        checks.put("check-0", verdict("pass".equals(c0.get("verdict")) ? "fail" : "pass"));
        posture.put(flipped, checks);
        long t = System.nanoTime();
        AccessDecision d =
            PolicyAccessDecider.decide(evaluator(bundle, snapshot, posture), Set.of(flipped));
        incremental.add(ms(t));
        System.out.printf(
            "incremental after %s flipped check-0: %d ms, %d allowed pairs touching it%n",
            flipped, incremental.get(r), d.allowed().size());
      }
      System.out.printf(
          "RESULT full median %d ms (%d allowed pairs); incremental median %d ms%n",
          median(full), allowed, median(incremental));
    }
  }

  private static PairEvaluator evaluator(
      ActiveBundle bundle, AccountSnapshot snapshot, Map<String, Map<String, Object>> posture) {
    Map<String, Map<String, Object>> frozen = Map.copyOf(posture);
    return new PairEvaluator(
        bundle,
        new PeerInputs(snapshot, Map.of(), frozen::get),
        System.currentTimeMillis() * 1_000_000L,
        Duration.ofSeconds(5));
  }

  static String policy(Random random, int groups, int allowRules, int denyRules) {
    StringBuilder rego = new StringBuilder("package meshward.access\n\nimport rego.v1\n\n");
    rego.append("default allow := false\n\n");
    for (int i = 0; i < allowRules; i++) {
      rego.append("# METADATA\n# custom:\n#   id: allow-")
          .append(i)
          .append("\nallow if {\n\t\"g")
          .append(random.nextInt(groups))
          .append("\" in input.source.groups\n\t\"g")
          .append(random.nextInt(groups))
          .append("\" in input.destination.groups\n}\n\n");
    }
    for (int i = 0; i < denyRules; i++) {
      rego.append("# METADATA\n# custom:\n#   id: deny-")
          .append(i)
          .append("\ndeny contains \"deny-")
          .append(i)
          .append(": check-")
          .append(i % PLUGINS)
          .append(" failed\" if {\n\t\"g")
          .append(random.nextInt(groups))
          .append("\" in input.destination.groups\n\tinput.source.posture[\"check-")
          .append(i % PLUGINS)
          .append("\"].verdict != \"pass\"\n}\n\n");
    }
    rego.append("ports contains \"tcp/22\" if \"g0\" in input.destination.groups\n");
    return rego.toString();
  }

  private static Map<String, Object> verdict(String verdict) {
    return Map.of(
        "verdict", verdict, "reason", verdict.equals("pass") ? "ok" : "failed", "facts", Map.of());
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  /** CPU time of the whole process: less sensitive than wall time to a shared machine. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private DecisionsBenchmark() {}
}
