package io.meshward.coordinator.decisions;

import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.networkmap.AccountSnapshot;
import io.meshward.coordinator.networkmap.SnapshotLoader;
import io.meshward.policy.rego.RuleInfo;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Explains one directed pair of an account, evaluating it afresh with the active bundle. */
@Service
public class DecisionExplainer {

  private final SnapshotLoader snapshots;
  private final PairEvaluators evaluators;
  private final JsonMapper json;

  DecisionExplainer(SnapshotLoader snapshots, PairEvaluators evaluators, JsonMapper json) {
    this.snapshots = snapshots;
    this.evaluators = evaluators;
    this.json = json;
  }

  /**
   * @param source peer id or name, in the account
   * @param destination peer id or name, in the account
   * @throws NotFoundException when either is not a peer of the account
   */
  public Explanation explain(String accountId, String source, String destination) {
    AccountSnapshot snapshot = snapshots.load(accountId);
    String from = resolve(snapshot, source);
    String to = resolve(snapshot, destination);
    String engine = evaluators.engines().kind().label();
    if (snapshot.policy().isEmpty()) {
      return new Explanation(
          from,
          to,
          "deny",
          List.of(),
          List.of(),
          List.of(),
          Map.of(),
          "the account has no active policy: nothing is allowed",
          engine,
          null);
    }
    return explain(evaluators.open(snapshot), from, to);
  }

  /** Explains with an evaluator already open (the network map's flips use this). */
  Explanation explain(PairEvaluator evaluator, String from, String to) {
    PairEvaluator.Evaluated e = evaluator.evaluate(from, to);
    PairDecision d = e.decision();
    Map<String, JsonNode> posture = new LinkedHashMap<>();
    posture.put("source", plain(evaluator.peers().of(from).get("posture")));
    posture.put("destination", plain(evaluator.peers().of(to).get("posture")));
    String failed = d.failed();
    if (!d.allowed() && DecisionInterpreter.NO_ALLOW.equals(failed)) {
      failed = noAllowDetail(evaluator.bundle().allowRules());
    }
    return new Explanation(
        from,
        to,
        d.allowed() ? "allow" : "deny",
        d.rules(),
        d.denyReasons(),
        d.ports(),
        posture,
        failed,
        evaluator.bundle().kind().label(),
        evaluator.bundle().version());
  }

  private static String noAllowDetail(List<RuleInfo> allowRules) {
    List<String> rules = new ArrayList<>();
    for (RuleInfo r : allowRules) {
      if (r.isDefault()) {
        continue;
      }
      String label = r.id() != null ? r.id() : r.title() != null ? r.title() : "allow";
      rules.add(label + " at " + r.location() + " did not match");
    }
    return rules.isEmpty()
        ? DecisionInterpreter.NO_ALLOW + " (the bundle has no allow rule)"
        : DecisionInterpreter.NO_ALLOW + ": " + String.join("; ", rules);
  }

  private JsonNode plain(Value v) {
    return json.readTree(Json.write(v == null ? ObjectValue.EMPTY : v));
  }

  private static String resolve(AccountSnapshot snapshot, String idOrName) {
    if (idOrName == null || idOrName.isBlank()) {
      throw new NotFoundException("peer", "''");
    }
    if (snapshot.peers().containsKey(idOrName)) {
      return idOrName;
    }
    for (AccountSnapshot.PeerFacts p : snapshot.peers().values()) {
      if (p.name().equals(idOrName)) {
        return p.id();
      }
    }
    throw new NotFoundException("peer", idOrName);
  }
}
