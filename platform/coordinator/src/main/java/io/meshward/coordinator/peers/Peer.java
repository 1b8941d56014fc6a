package io.meshward.coordinator.peers;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An enrolled device. Its device certificate is valid while this row exists and is unexpired.
 *
 * <p>Updates write only the columns that changed: an agent's Sync (endpoints) and posture report
 * (OS) arrive together, and a full-row update from one would put back what the other just stored.
 */
@Entity
@DynamicUpdate
@Table(name = "peer")
public class Peer {

  @Id private String id;

  @Column(name = "account_id", nullable = false)
  private String accountId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String hostname;

  @Column(name = "mesh_address", nullable = false)
  private String meshAddress;

  @Column(name = "wireguard_public_key", nullable = false)
  private String wireguardPublicKey;

  private String os;

  @Column(name = "agent_version")
  private String agentVersion;

  @Column(nullable = false, length = 4000)
  private String endpoints;

  @Column(name = "cert_serial", nullable = false)
  private String certSerial;

  @Column(name = "cert_expires_at", nullable = false)
  private Instant certExpiresAt;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "peer_group", joinColumns = @JoinColumn(name = "peer_id"))
  @Column(name = "group_id")
  private Set<String> groupIds = new HashSet<>();

  protected Peer() {}

  public Peer(
      String accountId,
      String name,
      String hostname,
      String meshAddress,
      String wireguardPublicKey,
      String os,
      Set<String> groupIds,
      Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.name = name;
    this.hostname = hostname;
    this.meshAddress = meshAddress;
    this.wireguardPublicKey = wireguardPublicKey;
    this.os = os;
    this.groupIds = new HashSet<>(groupIds);
    this.endpoints = "";
    this.createdAt = createdAt;
    this.lastSeenAt = createdAt;
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

  public String hostname() {
    return hostname;
  }

  public String meshAddress() {
    return meshAddress;
  }

  public String wireguardPublicKey() {
    return wireguardPublicKey;
  }

  public String os() {
    return os;
  }

  public String agentVersion() {
    return agentVersion;
  }

  public List<String> endpoints() {
    return endpoints.isEmpty() ? List.of() : Arrays.asList(endpoints.split(","));
  }

  public String certSerial() {
    return certSerial;
  }

  public Instant certExpiresAt() {
    return certExpiresAt;
  }

  public Instant lastSeenAt() {
    return lastSeenAt;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Set<String> groupIds() {
    return Set.copyOf(groupIds);
  }

  public void assignCertificate(String serialHex, Instant expiresAt) {
    this.certSerial = serialHex;
    this.certExpiresAt = expiresAt;
  }

  void replaceGroups(Set<String> ids) {
    groupIds.clear();
    groupIds.addAll(ids);
  }

  void addGroup(String groupId) {
    groupIds.add(groupId);
  }

  void removeGroup(String groupId) {
    groupIds.remove(groupId);
  }

  /**
   * @return whether the endpoints changed
   */
  boolean reportSync(List<String> newEndpoints, String newAgentVersion, Instant at) {
    String joined = String.join(",", newEndpoints);
    boolean changed = !joined.equals(endpoints);
    this.endpoints = joined;
    if (newAgentVersion != null && !newAgentVersion.isBlank()) {
      this.agentVersion = newAgentVersion;
    }
    this.lastSeenAt = at;
    return changed;
  }

  void seen(Instant at) {
    this.lastSeenAt = at;
  }

  void reportOs(String os) {
    if (os != null && !os.isBlank()) {
      this.os = os;
    }
  }
}
