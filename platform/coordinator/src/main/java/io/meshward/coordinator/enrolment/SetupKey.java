package io.meshward.coordinator.enrolment;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A secret that lets devices join an account; only its hash is kept. */
@Entity
@Table(name = "setup_key")
public class SetupKey {

  /** Why a key can or cannot enrol a device now. */
  public enum State {
    VALID,
    REVOKED,
    EXPIRED,
    EXHAUSTED
  }

  @Id private String id;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(nullable = false)
  private String name;

  @Column(name = "key_hash", nullable = false)
  private String keyHash;

  @Column(nullable = false)
  private boolean reusable;

  /** 0 means unlimited (reusable keys only). */
  @Column(name = "usage_limit", nullable = false)
  private int usageLimit;

  @Column(name = "used_count", nullable = false)
  private int usedCount;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(nullable = false)
  private boolean revoked;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "setup_key_group", joinColumns = @JoinColumn(name = "setup_key_id"))
  @Column(name = "group_id")
  private Set<String> autoGroups = new HashSet<>();

  protected SetupKey() {}

  SetupKey(
      String accountId,
      String name,
      String keyHash,
      boolean reusable,
      int usageLimit,
      Instant expiresAt,
      Set<String> autoGroups,
      Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.name = name;
    this.keyHash = keyHash;
    this.reusable = reusable;
    this.usageLimit = usageLimit;
    this.expiresAt = expiresAt;
    this.autoGroups = new HashSet<>(autoGroups);
    this.createdAt = createdAt;
  }

  public State state(Instant now) {
    if (revoked) {
      return State.REVOKED;
    }
    if (!expiresAt.isAfter(now)) {
      return State.EXPIRED;
    }
    if (usageLimit > 0 && usedCount >= usageLimit) {
      return State.EXHAUSTED;
    }
    return State.VALID;
  }

  public String id() {
    return id;
  }

  public String accountId() {
    return accountId;
  }

  public String name() {
    return name;
  }

  String keyHash() {
    return keyHash;
  }

  public boolean reusable() {
    return reusable;
  }

  public int usageLimit() {
    return usageLimit;
  }

  public int usedCount() {
    return usedCount;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public boolean revoked() {
    return revoked;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Set<String> autoGroups() {
    return Set.copyOf(autoGroups);
  }

  void rename(String name) {
    this.name = name;
  }

  void replaceAutoGroups(Set<String> groupIds) {
    autoGroups.clear();
    autoGroups.addAll(groupIds);
  }

  void revoke() {
    this.revoked = true;
  }
}
