package io.meshward.coordinator.policies;

import io.meshward.coordinator.accounts.Account;
import io.meshward.coordinator.accounts.AccountRepository;
import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.audit.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Policy bundles kept as code: each upload is validated (compiled, tests run), stored as the next
 * version and, if asked, activated. Any stored version can be re-activated (rollback).
 */
@Service
public class PolicyService {

  private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {};

  private final PolicyBundleRepository bundles;
  private final AccountRepository accounts;
  private final ObjectProvider<PolicyBundleValidator> validator;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;
  private final Clock clock;

  PolicyService(
      PolicyBundleRepository bundles,
      AccountRepository accounts,
      ObjectProvider<PolicyBundleValidator> validator,
      AuditLog audit,
      ApplicationEventPublisher events,
      JsonMapper json,
      Clock clock) {
    this.bundles = bundles;
    this.accounts = accounts;
    this.validator = validator;
    this.audit = audit;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** A stored version with its sources decoded. */
  public record StoredBundle(
      int version,
      boolean active,
      PolicyBundleSource source,
      String createdBy,
      java.time.Instant createdAt) {}

  @Transactional
  public StoredBundle upload(
      String accountId, PolicyBundleSource source, boolean activate, String actor) {
    PolicyBundleValidator engine = validator.getIfAvailable();
    if (engine == null) {
      throw new PolicyEngineUnavailableException();
    }
    PolicyValidationReport report = engine.validate(source);
    if (!report.ok()) {
      throw new PolicyRejectedException(report);
    }
    Account account = accounts.lockById(accountId).orElseThrow();
    int version = bundles.latestVersion(accountId) + 1;
    PolicyBundle bundle =
        bundles.save(
            new PolicyBundle(
                accountId,
                version,
                json.writeValueAsString(new TreeMap<>(source.modules())),
                source.dataJson(),
                json.writeValueAsString(new TreeMap<>(source.tests())),
                actor,
                clock.instant()));
    var after = new LinkedHashMap<String, Object>();
    after.put("version", version);
    after.put("modules", new TreeMap<>(source.modules()).keySet());
    after.put("tests", new TreeMap<>(source.tests()).keySet());
    after.put("hasData", source.dataJson() != null);
    audit.record(accountId, actor, "policy.uploaded", "v" + version, null, after);
    if (activate) {
      activate(account, version, actor);
    }
    return stored(bundle, account);
  }

  @Transactional
  public StoredBundle activate(String accountId, int version, String actor) {
    Account account = accounts.lockById(accountId).orElseThrow();
    PolicyBundle bundle =
        bundles
            .findByAccountIdAndVersion(accountId, version)
            .orElseThrow(() -> new NotFoundException("policy version", String.valueOf(version)));
    activate(account, version, actor);
    return stored(bundle, account);
  }

  private void activate(Account account, int version, String actor) {
    Integer before = account.activePolicyVersion();
    if (before != null && before == version) {
      return;
    }
    account.activatePolicyVersion(version);
    audit.record(
        account.id(),
        actor,
        "policy.activated",
        "v" + version,
        before == null ? null : Map.of("activeVersion", before),
        Map.of("activeVersion", version));
    events.publishEvent(new PolicyActivated(account.id(), version));
  }

  @Transactional(readOnly = true)
  public List<StoredBundle> list(String accountId) {
    Account account = accounts.findById(accountId).orElseThrow();
    return bundles.findByAccountIdOrderByVersionDesc(accountId).stream()
        .map(b -> stored(b, account))
        .toList();
  }

  @Transactional(readOnly = true)
  public StoredBundle get(String accountId, int version) {
    Account account = accounts.findById(accountId).orElseThrow();
    return bundles
        .findByAccountIdAndVersion(accountId, version)
        .map(b -> stored(b, account))
        .orElseThrow(() -> new NotFoundException("policy version", String.valueOf(version)));
  }

  /** The active bundle of an account, if any: what the access decider evaluates. */
  @Transactional(readOnly = true)
  public Optional<StoredBundle> active(String accountId) {
    Account account = accounts.findById(accountId).orElseThrow();
    if (account.activePolicyVersion() == null) {
      return Optional.empty();
    }
    return bundles
        .findByAccountIdAndVersion(accountId, account.activePolicyVersion())
        .map(b -> stored(b, account));
  }

  private StoredBundle stored(PolicyBundle b, Account account) {
    Integer active = account.activePolicyVersion();
    return new StoredBundle(
        b.version(),
        active != null && active == b.version(),
        new PolicyBundleSource(
            json.readValue(b.modulesJson(), FILES),
            b.dataDocument(),
            json.readValue(b.testsJson(), FILES)),
        b.createdBy(),
        b.createdAt());
  }
}
