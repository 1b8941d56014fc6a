package io.meshward.coordinator.decisions;

import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.PolicyEngine;
import io.meshward.policy.rego.RuleInfo;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One account's active bundle, ready to decide: the engine that evaluates it, what static analysis
 * learnt from it, and the decisions already made, keyed by what the policy reads of both peers.
 * Immutable apart from the thread-safe cache; replaced whenever the version or the account's groups
 * and peers change.
 *
 * @param kind which engine evaluates
 * @param version the bundle version
 * @param modules the bundle's modules, as stored
 * @param dataJson the bundle's own data, as stored
 * @param readsAccountData whether the policy can read {@code data.meshward.groups/peers}
 * @param data the data document it was compiled with (with the account's groups and peers when it
 *     reads them)
 * @param engine the engine for network-map decisions (no trace: cheaper)
 * @param explaining the same policy recording which rules fired, for explanations
 * @param usage which input fields decisions depend on
 * @param pruner which pairs can be skipped
 * @param allowRules the allow rule definitions, for explanations
 */
record ActiveBundle(
    EngineKind kind,
    int version,
    Map<String, String> modules,
    String dataJson,
    boolean readsAccountData,
    ObjectValue data,
    PolicyEngine engine,
    PolicyEngine explaining,
    InputUsage usage,
    AllowPruner pruner,
    List<RuleInfo> allowRules,
    Map<PairKey, PairDecision> cache,
    int cacheLimit,
    LongAdder lookups,
    LongAdder hits) {

  static final DataPath PATH = DataPath.parse("meshward/access");

  private static final long SAMPLE = 20_000;

  /** Projections of both peers' inputs. */
  record PairKey(Value source, Value destination) {}

  ActiveBundle(
      EngineKind kind,
      int version,
      Map<String, String> modules,
      String dataJson,
      boolean readsAccountData,
      ObjectValue data,
      PolicyEngine engine,
      PolicyEngine explaining,
      InputUsage usage,
      AllowPruner pruner,
      List<RuleInfo> allowRules,
      int cacheLimit) {
    this(
        kind,
        version,
        modules,
        dataJson,
        readsAccountData,
        data,
        engine,
        explaining,
        usage,
        pruner,
        allowRules,
        new ConcurrentHashMap<>(),
        cacheLimit,
        new LongAdder(),
        new LongAdder());
  }

  /**
   * Whether sharing pays: a lookup costs about a tenth of an evaluation, so after a first sample of
   * lookups a bundle with a hit rate under 10 % stops paying for keys and cache entries
   * (correctness does not depend on it).
   */
  boolean sharing() {
    long l = lookups.sum();
    return l < SAMPLE || hits.sum() * 10 >= l;
  }

  PairDecision cached(PairKey key) {
    lookups.increment();
    PairDecision d = cache.get(key);
    if (d != null) {
      hits.increment();
    }
    return d;
  }

  void remember(PairKey key, PairDecision decision) {
    if (cache.size() >= cacheLimit) {
      cache.clear(); // crude but bounded; a full recomputation refills what it needs
    }
    cache.put(key, decision);
  }
}
