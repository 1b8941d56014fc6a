package io.meshward.coordinator.networkmap;

import io.meshward.coordinator.networkmap.AccessDecision.AllowedConnection;
import io.meshward.coordinator.networkmap.AccessDecision.PortRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (never asserts) the network map's in-memory work at 10,000 peers in groups of 100 that
 * may reach each other: a full recomputation (policy activated) and a one-peer change. Run with
 * {@code ./mvnw -q -pl platform/coordinator test -Dtest=AccessGraphBenchmark
 * -Dmeshward.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "meshward.benchmark", matches = "true")
class AccessGraphBenchmark {

  static final int PEERS = 10_000;
  static final int GROUP = 100;
  static final List<PortRule> SSH = List.of(new PortRule("tcp", 22, 22));

  static List<AllowedConnection> decide(Set<String> subjects) {
    var allowed = new ArrayList<AllowedConnection>();
    for (String subject : subjects) {
      int id = Integer.parseInt(subject);
      int base = id / GROUP * GROUP;
      for (int other = base; other < base + GROUP; other++) {
        if (other != id) {
          allowed.add(new AllowedConnection(subject, Integer.toString(other), SSH, null));
          allowed.add(new AllowedConnection(Integer.toString(other), subject, SSH, null));
        }
      }
    }
    return allowed;
  }

  @Test
  void measure() {
    Set<String> all = new HashSet<>();
    for (int i = 0; i < PEERS; i++) {
      all.add(Integer.toString(i));
    }
    for (int round = 0; round < 5; round++) {
      var graph = new AccessGraph();
      long t0 = System.nanoTime();
      var flips = graph.replaceTouching(all, decide(all), all);
      long t1 = System.nanoTime();
      long single = 0;
      for (int i = 0; i < 1000; i++) {
        Set<String> one = Set.of(Integer.toString((i * 7919) % PEERS));
        long s0 = System.nanoTime();
        graph.replaceTouching(one, decide(one), all);
        graph.neighbours(one.iterator().next());
        single += System.nanoTime() - s0;
      }
      System.out.printf(
          "round %d: full recompute of %d peers (%d connections, %d flips): %d ms;"
              + " one-peer change: %.1f us average over 1000%n",
          round,
          PEERS,
          graph.connectionCount(),
          flips.size(),
          (t1 - t0) / 1_000_000,
          single / 1000 / 1000.0);
    }
  }
}
