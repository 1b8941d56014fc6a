package io.meshward.coordinator.peers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The latest posture facts a peer reported (JSON object). */
@Entity
@Table(name = "posture_report")
public class PostureReport {

  @Id
  @Column(name = "peer_id")
  private String peerId;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(nullable = false)
  private String facts;

  @Column(name = "collected_at")
  private Instant collectedAt;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  protected PostureReport() {}

  PostureReport(String peerId, String accountId) {
    this.peerId = peerId;
    this.accountId = accountId;
  }

  void update(String factsJson, Instant collectedAt, Instant receivedAt) {
    this.facts = factsJson;
    this.collectedAt = collectedAt;
    this.receivedAt = receivedAt;
  }

  public String peerId() {
    return peerId;
  }

  public String accountId() {
    return accountId;
  }

  public String facts() {
    return facts;
  }

  public Instant collectedAt() {
    return collectedAt;
  }

  public Instant receivedAt() {
    return receivedAt;
  }
}
