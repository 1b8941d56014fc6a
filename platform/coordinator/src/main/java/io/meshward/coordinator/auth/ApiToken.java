package io.meshward.coordinator.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A personal access token for the REST API; only its hash is kept. */
@Entity
@Table(name = "api_token")
public class ApiToken {

  @Id private String id;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(nullable = false)
  private String name;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiToken() {}

  ApiToken(String accountId, String name, String tokenHash, String createdBy, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.name = name;
    this.tokenHash = tokenHash;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
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

  String tokenHash() {
    return tokenHash;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  void revoke(Instant at) {
    this.revokedAt = at;
  }
}
