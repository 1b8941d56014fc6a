package io.meshward.coordinator.networkmap;

import io.meshward.coordinator.audit.DecisionFlip;
import io.meshward.coordinator.networkmap.AccessDecision.AllowedConnection;
import io.meshward.coordinator.networkmap.AccessDecision.PortRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allowed directed connections of one account, indexed both ways (each with its rules) so that
 * the pairs touching a peer, and their rules, are found without scanning the account or looking up
 * each pair. Changed on the network map's worker thread only.
 */
final class AccessGraph {

  /** from → to → rules. */
  private final Map<String, Map<String, List<PortRule>>> outbound = new HashMap<>();

  /** to → from → rules: the same connections as {@link #outbound}, indexed by target. */
  private final Map<String, Map<String, List<PortRule>>> inbound = new HashMap<>();

  List<PortRule> rules(String from, String to) {
    return outbound.getOrDefault(from, Map.of()).getOrDefault(to, List.of());
  }

  /**
   * The peers this one may reach, with the rules of each connection: a read-only view, valid until
   * the graph next changes (it may be read from several threads while it does not).
   */
  Map<String, List<PortRule>> outboundRules(String peer) {
    return Collections.unmodifiableMap(outbound.getOrDefault(peer, Map.of()));
  }

  /** The peers that may reach this one, with the rules of each connection; a view as above. */
  Map<String, List<PortRule>> inboundRules(String peer) {
    return Collections.unmodifiableMap(inbound.getOrDefault(peer, Map.of()));
  }

  /** Peers this one may reach or be reached from. */
  Set<String> neighbours(String peer) {
    Set<String> result = new HashSet<>(outbound.getOrDefault(peer, Map.of()).keySet());
    result.addAll(inbound.getOrDefault(peer, Map.of()).keySet());
    return result;
  }

  /**
   * Replaces every connection touching {@code subjects} with the decided ones.
   *
   * @return the pairs whose allow/deny decision changed
   */
  List<DecisionFlip> replaceTouching(
      Set<String> subjects, Collection<AllowedConnection> decided, Set<String> livePeers) {
    Map<String, Map<String, AllowedConnection>> wanted = new HashMap<>();
    for (AllowedConnection c : decided) {
      boolean touches = subjects.contains(c.from()) || subjects.contains(c.to());
      if (touches
          && !c.from().equals(c.to())
          && livePeers.contains(c.from())
          && livePeers.contains(c.to())) {
        wanted.computeIfAbsent(c.from(), k -> new HashMap<>()).merge(c.to(), c, AccessGraph::union);
      }
    }
    List<DecisionFlip> flips = new ArrayList<>();
    for (String subject : subjects) {
      Map<String, List<PortRule>> targets = outbound.get(subject);
      if (targets != null) {
        Map<String, AllowedConnection> keep = wanted.getOrDefault(subject, Map.of());
        for (String to : List.copyOf(targets.keySet())) {
          if (!keep.containsKey(to)) {
            remove(subject, to);
            flips.add(new DecisionFlip(subject, to, false, null));
          }
        }
      }
      Map<String, List<PortRule>> sources = inbound.get(subject);
      if (sources != null) {
        for (String from : List.copyOf(sources.keySet())) {
          if (!wanted.getOrDefault(from, Map.of()).containsKey(subject)) {
            remove(from, subject);
            flips.add(new DecisionFlip(from, subject, false, null));
          }
        }
      }
    }
    for (var byFrom : wanted.entrySet()) {
      String from = byFrom.getKey();
      Map<String, List<PortRule>> targets = outbound.computeIfAbsent(from, k -> new HashMap<>());
      for (AllowedConnection c : byFrom.getValue().values()) {
        List<PortRule> previous = targets.put(c.to(), c.rules());
        inbound.computeIfAbsent(c.to(), k -> new HashMap<>()).put(from, c.rules());
        if (previous == null) {
          flips.add(new DecisionFlip(from, c.to(), true, c.reason()));
        }
      }
    }
    return flips;
  }

  private static AllowedConnection union(AllowedConnection a, AllowedConnection b) {
    if (a.rules().equals(b.rules())) {
      return a;
    }
    var rules = new ArrayList<>(a.rules());
    b.rules().stream().filter(r -> !rules.contains(r)).forEach(rules::add);
    return new AllowedConnection(a.from(), a.to(), rules, a.reason());
  }

  private void remove(String from, String to) {
    var targets = outbound.get(from);
    if (targets != null) {
      targets.remove(to);
      if (targets.isEmpty()) {
        outbound.remove(from);
      }
    }
    var sources = inbound.get(to);
    if (sources != null) {
      sources.remove(from);
      if (sources.isEmpty()) {
        inbound.remove(to);
      }
    }
  }

  int connectionCount() {
    return outbound.values().stream().mapToInt(Map::size).sum();
  }
}
