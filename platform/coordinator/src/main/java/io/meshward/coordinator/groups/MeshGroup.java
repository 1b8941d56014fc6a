package io.meshward.coordinator.groups;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named set of peers that policies refer to. Membership is static (kept on the peer). */
@Entity
@Table(name = "mesh_group")
public class MeshGroup {

  @Id private String id;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(nullable = false)
  private String name;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected MeshGroup() {}

  MeshGroup(String accountId, String name, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.name = name;
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

  void rename(String name) {
    this.name = name;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
