package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccountSnapshot;
import io.meshward.policy.compile.CompiledPolicy;
import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyEngine;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.engine.local.RegoPolicyEngine;
import io.meshward.policy.engine.opa.OpaHttpPolicyEngine;
import io.meshward.policy.engine.opa.OpaHttpSettings;
import io.meshward.policy.rego.PreparedPolicy;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.rego.RuleInfo;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The configured engine and, per account, the active bundle prepared for it: compiled once per
 * bundle version (and per state of the account's groups and peers, which the data document
 * carries), shared by every decision made meanwhile.
 */
@Component
public class PolicyEngines implements DisposableBean, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PolicyEngines.class);
  private static final String ALLOW = "data." + DecisionInterpreter.PACKAGE + ".allow";

  private final DecisionsProperties properties;
  private final OpaHttpPolicyEngine opa;
  private final Map<String, ActiveBundle> byAccount = new ConcurrentHashMap<>();

  public PolicyEngines(DecisionsProperties properties) {
    this.properties = properties;
    this.opa =
        properties.engine() == EngineKind.OPA
            ? new OpaHttpPolicyEngine(settings(properties.opa()))
            : null;
  }

  private static OpaHttpSettings settings(DecisionsProperties.Opa opa) {
    OpaHttpSettings s = OpaHttpSettings.of(opa.url()).withConnectTimeout(opa.connectTimeout());
    return opa.token() == null ? s : s.withBearerToken(opa.token());
  }

  public EngineKind kind() {
    return properties.engine();
  }

  public Duration budget() {
    return properties.timeout();
  }

  /** The prepared active bundle of the snapshot's account; the snapshot must have a policy. */
  ActiveBundle prepare(AccountSnapshot snapshot) {
    AccountSnapshot.ActivePolicy policy = snapshot.policy().orElseThrow();
    try {
      ActiveBundle current = upToDate(byAccount.get(snapshot.accountId()), policy, snapshot);
      if (current != null) {
        return current;
      }
      synchronized (this) {
        current = upToDate(byAccount.get(snapshot.accountId()), policy, snapshot);
        if (current != null) {
          return current;
        }
        ActiveBundle prepared = compile(policy, snapshot);
        ActiveBundle previous = byAccount.put(snapshot.accountId(), prepared);
        if (previous != null && previous.engine() != opa) {
          previous.engine().close();
          previous.explaining().close();
        }
        return prepared;
      }
    } catch (IllegalArgumentException e) {
      return failing(
          policy.version(),
          policy.modules(),
          null,
          ObjectValue.EMPTY,
          "the bundle's data: " + e.getMessage());
    }
  }

  /** The prepared bundle if it still fits the snapshot, else null. */
  private static ActiveBundle upToDate(
      ActiveBundle current, AccountSnapshot.ActivePolicy policy, AccountSnapshot snapshot) {
    if (current == null
        || current.version() != policy.version()
        || !current.modules().equals(policy.modules())
        || !java.util.Objects.equals(current.dataJson(), policy.dataJson())) {
      return null;
    }
    if (!current.readsAccountData()
        || current.data().equals(BundleData.of(policy.dataJson(), snapshot))) {
      return current;
    }
    return null;
  }

  private ActiveBundle compile(AccountSnapshot.ActivePolicy policy, AccountSnapshot snapshot) {
    long start = System.nanoTime();
    ObjectValue data = BundleData.withoutAccount(policy.dataJson());
    PreparedPolicy prepared;
    boolean readsAccountData;
    try {
      prepared = build(policy, data);
      readsAccountData = AccountDataUsage.reads(prepared.compiled());
      if (readsAccountData) {
        data = BundleData.of(policy.dataJson(), snapshot);
        prepared = build(policy, data);
      }
    } catch (RegoException e) {
      if (opa != null) {
        // OPA may know builtins we do not: decide there, without local analyses.
        return new ActiveBundle(
            EngineKind.OPA,
            policy.version(),
            policy.modules(),
            policy.dataJson(),
            false,
            data,
            opa,
            opa,
            InputUsage.UNKNOWN,
            AllowPruner.none(),
            List.of(),
            properties.cacheSize());
      }
      return failing(
          policy.version(),
          policy.modules(),
          policy.dataJson(),
          data,
          "the active bundle does not compile: " + e.getMessage());
    }
    CompiledPolicy compiled = prepared.compiled();
    InputUsage usage = InputUsage.of(compiled);
    AllowPruner pruner = AllowPruner.analyse(compiled, ALLOW, data);
    List<RuleInfo> allowRules =
        prepared.rules().stream().filter(r -> r.path().equals(ALLOW)).toList();
    PolicyEngine engine =
        opa != null
            ? opa
            : new RegoPolicyEngine(
                "rego", prepared, new RegoPolicyEngine.Options(false, properties.stepLimit()));
    PolicyEngine explaining =
        opa != null
            ? opa
            : new RegoPolicyEngine(
                "rego", prepared, new RegoPolicyEngine.Options(true, properties.stepLimit()));
    log.info(
        "Prepared policy v{} for {} in {} ms (pruning: {}, decisions shared: {}, reads account"
            + " data: {})",
        policy.version(),
        engine.name(),
        (System.nanoTime() - start) / 1_000_000,
        pruner.prunesNothing() ? "none" : pruner.requirements().size() + " allow requirement(s)",
        usage.cacheable(),
        readsAccountData);
    return new ActiveBundle(
        properties.engine(),
        policy.version(),
        policy.modules(),
        policy.dataJson(),
        readsAccountData,
        data,
        engine,
        explaining,
        usage,
        pruner,
        allowRules,
        properties.cacheSize());
  }

  private static PreparedPolicy build(AccountSnapshot.ActivePolicy policy, ObjectValue data) {
    Rego.Builder builder = Rego.builder().data(data);
    new java.util.TreeMap<>(policy.modules()).forEach(builder::module);
    return builder.build();
  }

  private ActiveBundle failing(
      int version, Map<String, String> modules, String dataJson, ObjectValue data, String reason) {
    log.warn("Policy v{} cannot be evaluated: {}; every pair is denied", version, reason);
    PolicyEngine engine =
        new PolicyEngine() {
          @Override
          public String name() {
            return properties.engine().label();
          }

          @Override
          public PolicyResult evaluate(DataPath path, Value input, Duration budget) {
            return PolicyResult.failed(FailureKind.ENGINE_ERROR, reason);
          }

          @Override
          public void close() {}
        };
    return new ActiveBundle(
        properties.engine(),
        version,
        modules,
        dataJson,
        false,
        data,
        engine,
        engine,
        new InputUsage(null, null, false),
        AllowPruner.nothing(),
        List.of(),
        properties.cacheSize());
  }

  /** Drops an account's prepared bundle (e.g. when it is deleted). */
  void forget(String accountId) {
    ActiveBundle previous = byAccount.remove(accountId);
    if (previous != null && previous.engine() != opa) {
      previous.engine().close();
      previous.explaining().close();
    }
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public void destroy() {
    byAccount.values().forEach(b -> b.engine().close());
    byAccount.values().forEach(b -> b.explaining().close());
    byAccount.clear();
    if (opa != null) {
      opa.close();
    }
  }
}
