package io.meshward.coordinator.relays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A relay registered by an admin; only the hash of its token is kept. */
@Entity
@Table(name = "relay")
public class Relay {

  @Id private String id;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String address;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Relay() {}

  Relay(
      String accountId,
      String name,
      String address,
      String tokenHash,
      String createdBy,
      Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.name = name;
    this.address = address;
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

  public String address() {
    return address;
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
}
