package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccessDecider;
import io.meshward.coordinator.networkmap.AccessDecision;
import io.meshward.coordinator.networkmap.AccessDecision.AllowedConnection;
import io.meshward.coordinator.networkmap.AccountSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides an account's pairs with its active Rego bundle, through the configured {@link
 * io.meshward.policy.engine.PolicyEngine}. Only pairs touching the subjects are decided, only those
 * the allow rules could allow are evaluated ({@link AllowPruner}), and peers that look the same to
 * the policy share decisions ({@link InputUsage}). Subjects are decided in parallel.
 */
public class PolicyAccessDecider implements AccessDecider {

  /** The evaluator of the last snapshot decided, reused to explain that recomputation's flips. */
  private record Last(AccountSnapshot snapshot, PairEvaluator evaluator) {}

  private final PairEvaluators evaluators;
  private final DecisionExplainer explainer;
  private final JsonMapper json;
  private volatile Last last;

  PolicyAccessDecider(PairEvaluators evaluators, DecisionExplainer explainer, JsonMapper json) {
    this.evaluators = evaluators;
    this.explainer = explainer;
    this.json = json;
  }

  @Override
  public AccessDecision decide(AccountSnapshot snapshot, Set<String> subjects) {
    if (snapshot.policy().isEmpty() || subjects.isEmpty()) {
      return AccessDecision.denyAll();
    }
    PairEvaluator evaluator = evaluators.open(snapshot);
    last = new Last(snapshot, evaluator);
    return decide(evaluator, subjects);
  }

  /** The {@link Explanation} as JSON, the same document {@code GET /api/v1/decisions} answers. */
  @Override
  public String explain(AccountSnapshot snapshot, String from, String to) {
    if (snapshot.policy().isEmpty()
        || !snapshot.peers().containsKey(from)
        || !snapshot.peers().containsKey(to)) {
      return null; // a deleted peer: the flip speaks for itself
    }
    Last l = last;
    PairEvaluator evaluator =
        l != null && l.snapshot() == snapshot ? l.evaluator() : evaluators.open(snapshot);
    return json.writeValueAsString(explainer.explain(evaluator, from, to));
  }

  /** Decides every pair touching {@code subjects} (package-private for tests and the benchmark). */
  static AccessDecision decide(PairEvaluator evaluator, Set<String> subjects) {
    AccountSnapshot snapshot = evaluator.peers().snapshot();
    AllowPruner pruner = evaluator.bundle().pruner();
    Map<String, Set<String>> members = new HashMap<>();
    for (AccountSnapshot.PeerFacts p : snapshot.peers().values()) {
      for (String g : p.groupNames()) {
        members.computeIfAbsent(g, k -> new HashSet<>()).add(p.id());
      }
    }
    Set<String> everyone = snapshot.peers().keySet();
    // The audit record of a flip carries the full explanation (see explain); this is the summary.
    String reason =
        "allowed by policy v"
            + evaluator.bundle().version()
            + " ("
            + evaluator.bundle().kind().label()
            + ")";
    List<AllowedConnection> allowed =
        subjects.parallelStream()
            .filter(everyone::contains)
            .flatMap(
                subject -> {
                  List<AllowedConnection> out = new ArrayList<>();
                  Set<String> groups = snapshot.peers().get(subject).groupNames();
                  Set<String> destinations =
                      pruner.destinationsFor(groups, g -> members.getOrDefault(g, Set.of()));
                  for (String to : destinations == null ? everyone : destinations) {
                    if (!to.equals(subject)) {
                      add(evaluator, subject, to, reason, out);
                    }
                  }
                  Set<String> sources =
                      pruner.sourcesFor(groups, g -> members.getOrDefault(g, Set.of()));
                  for (String from : sources == null ? everyone : sources) {
                    // A subject's own outbound loop covers pairs between subjects: the pruner's
                    // two directions come from the same requirements.
                    if (!from.equals(subject) && !subjects.contains(from)) {
                      add(evaluator, from, subject, reason, out);
                    }
                  }
                  return out.stream();
                })
            .toList();
    return new AccessDecision(allowed);
  }

  private static void add(
      PairEvaluator evaluator, String from, String to, String reason, List<AllowedConnection> out) {
    PairDecision d = evaluator.decide(from, to);
    if (d.allowed()) {
      out.add(new AllowedConnection(from, to, d.portRules(), reason));
    }
  }
}
