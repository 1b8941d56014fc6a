package io.meshward.coordinator.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant: every other object belongs to exactly one account and is invisible to the others. */
@Entity
@Table(name = "account")
public class Account {

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(name = "mesh_range", nullable = false)
  private String meshRange;

  @Column(name = "active_policy_version")
  private Integer activePolicyVersion;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Account() {}

  public Account(String name, String meshRange, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.name = name;
    this.meshRange = meshRange;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String meshRange() {
    return meshRange;
  }

  public Integer activePolicyVersion() {
    return activePolicyVersion;
  }

  public void activatePolicyVersion(Integer version) {
    this.activePolicyVersion = version;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
