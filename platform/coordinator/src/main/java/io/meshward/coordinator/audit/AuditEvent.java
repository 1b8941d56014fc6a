package io.meshward.coordinator.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One change: who did what to which object, and the object before and after (JSON). */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  @Id private String id;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(nullable = false)
  private String actor;

  @Column(nullable = false)
  private String kind;

  @Column(name = "object_id")
  private String objectId;

  @Column(name = "peer_id")
  private String peerId;

  @Column(name = "before_json")
  private String beforeJson;

  @Column(name = "after_json")
  private String afterJson;

  protected AuditEvent() {}

  AuditEvent(
      String accountId,
      Instant occurredAt,
      String actor,
      String kind,
      String objectId,
      String peerId,
      String beforeJson,
      String afterJson) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.occurredAt = occurredAt;
    this.actor = actor;
    this.kind = kind;
    this.objectId = objectId;
    this.peerId = peerId;
    this.beforeJson = beforeJson;
    this.afterJson = afterJson;
  }

  public String id() {
    return id;
  }

  public String accountId() {
    return accountId;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String actor() {
    return actor;
  }

  public String kind() {
    return kind;
  }

  public String objectId() {
    return objectId;
  }

  public String peerId() {
    return peerId;
  }

  public String beforeJson() {
    return beforeJson;
  }

  public String afterJson() {
    return afterJson;
  }
}
