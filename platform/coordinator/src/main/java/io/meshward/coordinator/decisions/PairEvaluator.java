package io.meshward.coordinator.decisions;

import io.meshward.policy.engine.PolicyEngine;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides directed pairs of one account snapshot against its prepared bundle. One instance serves
 * one recomputation (one moment: {@code input.time.now_ns} is the same for all its pairs); it is
 * thread-safe, so pairs may be decided in parallel.
 */
final class PairEvaluator {

  private final ActiveBundle bundle;
  private final PeerInputs peers;
  private final ObjectValue time;
  private final Duration budget;
  private final Map<String, Value> sourceKeys = new ConcurrentHashMap<>();
  private final Map<String, Value> destinationKeys = new ConcurrentHashMap<>();

  PairEvaluator(ActiveBundle bundle, PeerInputs peers, long nowNanos, Duration budget) {
    this.bundle = bundle;
    this.peers = peers;
    this.time = ObjectValue.builder().put("now_ns", NumberValue.of(nowNanos)).build();
    this.budget = budget;
  }

  ActiveBundle bundle() {
    return bundle;
  }

  PeerInputs peers() {
    return peers;
  }

  /** The input document for a pair. */
  ObjectValue input(String from, String to) {
    return ObjectValue.builder()
        .put("source", peers.of(from))
        .put("destination", peers.of(to))
        .put("time", time)
        .build();
  }

  /** The decision, shared with earlier pairs whose peers look the same to the policy. */
  PairDecision decide(String from, String to) {
    if (!bundle.usage().cacheable() || !bundle.sharing()) {
      return evaluate(bundle.engine(), from, to).decision();
    }
    ActiveBundle.PairKey key =
        new ActiveBundle.PairKey(
            projection(sourceKeys, from, bundle.usage().sourceFields()),
            projection(destinationKeys, to, bundle.usage().destinationFields()));
    PairDecision cached = bundle.cached(key);
    if (cached != null) {
      return cached;
    }
    Evaluated e = evaluate(bundle.engine(), from, to);
    if (!(e.result() instanceof PolicyResult.Failed)) {
      // Failures (timeouts, an unreachable OPA) may be transient: never shared.
      bundle.remember(key, e.decision());
    }
    return e.decision();
  }

  private Value projection(Map<String, Value> keys, String peer, java.util.Set<String> fields) {
    Value known = keys.get(peer); // lock-free on the hot path
    return known != null ? known : keys.computeIfAbsent(peer, id -> peers.projection(id, fields));
  }

  /** The engine's raw answer and its interpretation. */
  record Evaluated(PolicyResult result, PairDecision decision) {}

  /** Evaluates now with the rules' trace, bypassing the shared decisions: for explanations. */
  Evaluated evaluate(String from, String to) {
    return evaluate(bundle.explaining(), from, to);
  }

  private Evaluated evaluate(PolicyEngine engine, String from, String to) {
    PolicyResult result;
    try {
      result = engine.evaluate(ActiveBundle.PATH, input(from, to), budget);
    } catch (RuntimeException e) {
      // Engines promise not to throw; if one does, the pair is still denied with a reason.
      result =
          PolicyResult.failed(
              io.meshward.policy.engine.FailureKind.ENGINE_ERROR,
              "engine " + engine.name() + " threw " + e);
    }
    return new Evaluated(result, DecisionInterpreter.interpret(result));
  }
}
