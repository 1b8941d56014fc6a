package io.meshward.coordinator.enrolment;

import io.meshward.coordinator.api.InvalidRequestException;
import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.audit.AuditLog;
import io.meshward.coordinator.auth.SecretTokens;
import io.meshward.coordinator.groups.GroupService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setup keys of an account: created (shown once), listed, changed, revoked, deleted. */
@Service
public class SetupKeyService {

  static final String PREFIX = "mwk_";
  static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);

  /** What a caller may set on a key; null fields keep the current value. */
  public record Changes(String name, Set<String> autoGroups, Boolean revoked) {}

  /** A created key: the only time its plaintext exists on the coordinator. */
  public record Created(SetupKey key, String plaintext) {}

  private final SetupKeyRepository keys;
  private final GroupService groups;
  private final AuditLog audit;
  private final Clock clock;

  SetupKeyService(SetupKeyRepository keys, GroupService groups, AuditLog audit, Clock clock) {
    this.keys = keys;
    this.groups = groups;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public Created create(
      String accountId,
      String name,
      boolean reusable,
      Integer usageLimit,
      Instant expiresAt,
      Set<String> autoGroups,
      String actor) {
    Instant now = clock.instant();
    Instant expiry = expiresAt == null ? now.plus(DEFAULT_LIFETIME) : expiresAt;
    if (!expiry.isAfter(now)) {
      throw new InvalidRequestException("expiresAt", "must be in the future");
    }
    int limit = reusable ? (usageLimit == null ? 0 : usageLimit) : 1;
    if (!reusable && usageLimit != null && usageLimit != 1) {
      throw new InvalidRequestException(
          "usageLimit", "a one-off key is used once; set reusable=true for a usage limit");
    }
    groups.requireAll(accountId, autoGroups, "autoGroups");
    String plaintext = SecretTokens.generate(PREFIX);
    SetupKey key =
        keys.save(
            new SetupKey(
                accountId,
                name,
                SecretTokens.sha256Hex(plaintext),
                reusable,
                limit,
                expiry,
                autoGroups,
                now));
    audit.record(accountId, actor, "setup_key.created", key.id(), null, describe(key));
    return new Created(key, plaintext);
  }

  @Transactional(readOnly = true)
  public List<SetupKey> list(String accountId) {
    return keys.findByAccountIdOrderByCreatedAt(accountId);
  }

  @Transactional(readOnly = true)
  public SetupKey get(String accountId, String keyId) {
    return keys.findByIdAndAccountId(keyId, accountId)
        .orElseThrow(() -> new NotFoundException("setup key", keyId));
  }

  @Transactional
  public SetupKey update(String accountId, String keyId, Changes changes, String actor) {
    SetupKey key = get(accountId, keyId);
    var before = describe(key);
    if (changes.revoked() != null) {
      if (!changes.revoked() && key.revoked()) {
        throw new InvalidRequestException(
            "revoked", "a revoked key stays revoked; create a new key instead");
      }
      if (changes.revoked()) {
        key.revoke();
      }
    }
    if (changes.autoGroups() != null) {
      groups.requireAll(accountId, changes.autoGroups(), "autoGroups");
      key.replaceAutoGroups(changes.autoGroups());
    }
    if (changes.name() != null) {
      key.rename(changes.name());
    }
    audit.record(accountId, actor, "setup_key.updated", key.id(), before, describe(key));
    return key;
  }

  @Transactional
  public void delete(String accountId, String keyId, String actor) {
    SetupKey key = get(accountId, keyId);
    audit.record(accountId, actor, "setup_key.deleted", key.id(), describe(key), null);
    keys.delete(key);
  }

  private static Map<String, Object> describe(SetupKey k) {
    var map = new LinkedHashMap<String, Object>();
    map.put("name", k.name());
    map.put("reusable", k.reusable());
    map.put("usageLimit", k.usageLimit());
    map.put("expiresAt", k.expiresAt().toString());
    map.put("revoked", k.revoked());
    map.put("autoGroups", new TreeSet<>(k.autoGroups()));
    return map;
  }
}
