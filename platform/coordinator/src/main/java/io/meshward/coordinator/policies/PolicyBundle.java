package io.meshward.coordinator.policies;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One stored version of an account's policy bundle. Versions are immutable. */
@Entity
@Table(name = "policy_bundle")
public class PolicyBundle {

  @Id private String id;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(nullable = false)
  private int version;

  @Column(nullable = false)
  private String modules;

  @Column(name = "data_document")
  private String dataDocument;

  @Column(nullable = false)
  private String tests;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected PolicyBundle() {}

  PolicyBundle(
      String accountId,
      int version,
      String modulesJson,
      String dataDocument,
      String testsJson,
      String createdBy,
      Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.version = version;
    this.modules = modulesJson;
    this.dataDocument = dataDocument;
    this.tests = testsJson;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String accountId() {
    return accountId;
  }

  public int version() {
    return version;
  }

  /** JSON object: file name to Rego source. */
  public String modulesJson() {
    return modules;
  }

  public String dataDocument() {
    return dataDocument;
  }

  /** JSON object: file name to Rego test source. */
  public String testsJson() {
    return tests;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
