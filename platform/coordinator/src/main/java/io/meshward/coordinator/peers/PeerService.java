package io.meshward.coordinator.peers;

import io.meshward.coordinator.api.ConflictException;
import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.audit.AuditLog;
import io.meshward.coordinator.groups.GroupMembershipChanged;
import io.meshward.coordinator.groups.GroupService;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Peers of an account: the admin's view (REST) and what devices report (gRPC). */
@Service
public class PeerService {

  private final PeerRepository peers;
  private final PostureReportRepository postureReports;
  private final GroupService groups;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;
  private final Clock clock;

  PeerService(
      PeerRepository peers,
      PostureReportRepository postureReports,
      GroupService groups,
      AuditLog audit,
      ApplicationEventPublisher events,
      JsonMapper json,
      Clock clock) {
    this.peers = peers;
    this.postureReports = postureReports;
    this.groups = groups;
    this.audit = audit;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<Peer> list(String accountId) {
    return peers.findByAccountIdOrderByName(accountId);
  }

  @Transactional(readOnly = true)
  public Peer get(String accountId, String peerId) {
    return peers
        .findByIdAndAccountId(peerId, accountId)
        .orElseThrow(() -> new NotFoundException("peer", peerId));
  }

  /** Names an enrolling device after its hostname, adding -2, -3... until the name is free. */
  @Transactional(propagation = Propagation.MANDATORY)
  public String freeName(String accountId, String hostname) {
    String base = PeerNames.fromHostname(hostname);
    Set<String> taken = new HashSet<>(peers.namesStartingWith(accountId, base));
    if (!taken.contains(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + "-" + i;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** Stores a newly enrolled peer; called by enrolment inside its transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Peer addEnrolled(Peer peer, String actor) {
    Peer saved = peers.saveAndFlush(peer);
    audit.recordAbout(
        peer.accountId(), actor, "peer.enrolled", saved.id(), saved.id(), null, snapshot(saved));
    events.publishEvent(new PeerEvents.PeerJoined(saved.accountId(), saved.id()));
    return saved;
  }

  @Transactional
  public Peer rename(String accountId, String peerId, String name, String actor) {
    Peer peer = get(accountId, peerId);
    if (peer.name().equals(name)) {
      return peer;
    }
    if (peers.existsByAccountIdAndName(accountId, name)) {
      throw new ConflictException("a peer named '" + name + "' already exists");
    }
    var before = snapshot(peer);
    peer.rename(name);
    audit.recordAbout(accountId, actor, "peer.renamed", peerId, peerId, before, snapshot(peer));
    events.publishEvent(new PeerEvents.PeerChanged(accountId, peerId));
    return peer;
  }

  @Transactional
  public Peer setGroups(String accountId, String peerId, Set<String> groupIds, String actor) {
    Peer peer = get(accountId, peerId);
    groups.requireAll(accountId, groupIds, "groupIds");
    var before = snapshot(peer);
    peer.replaceGroups(groupIds);
    audit.recordAbout(
        accountId, actor, "peer.groups_changed", peerId, peerId, before, snapshot(peer));
    events.publishEvent(new PeerEvents.PeerChanged(accountId, peerId));
    return peer;
  }

  /** Makes exactly these peers the static members of a group. */
  @Transactional
  public Set<String> setGroupMembers(
      String accountId, String groupId, Set<String> peerIds, String actor) {
    groups.get(accountId, groupId);
    List<Peer> wanted = peers.findByAccountIdAndIdIn(accountId, peerIds);
    if (wanted.size() != peerIds.size()) {
      Set<String> missing = new TreeSet<>(peerIds);
      wanted.forEach(p -> missing.remove(p.id()));
      throw new io.meshward.coordinator.api.InvalidRequestException(
          "peerIds", "unknown peer id(s) " + missing);
    }
    Set<String> before = groups.memberIds(groupId);
    Set<String> changed = new HashSet<>();
    for (String oldMember : before) {
      if (!peerIds.contains(oldMember)) {
        peers.findById(oldMember).ifPresent(p -> p.removeGroup(groupId));
        changed.add(oldMember);
      }
    }
    for (Peer p : wanted) {
      if (!before.contains(p.id())) {
        p.addGroup(groupId);
        changed.add(p.id());
      }
    }
    audit.record(
        accountId,
        actor,
        "group.members_changed",
        groupId,
        Map.of("peers", new TreeSet<>(before)),
        Map.of("peers", new TreeSet<>(peerIds)));
    events.publishEvent(new GroupMembershipChanged(accountId, changed));
    return new TreeSet<>(peerIds);
  }

  @Transactional
  public void delete(String accountId, String peerId, String actor) {
    Peer peer = get(accountId, peerId);
    var before = snapshot(peer);
    postureReports.findById(peerId).ifPresent(postureReports::delete);
    peers.delete(peer);
    peers.flush();
    audit.recordAbout(accountId, actor, "peer.deleted", peerId, peerId, before, null);
    events.publishEvent(new PeerEvents.PeerDeleted(accountId, peerId));
  }

  /** A device opened its Sync stream: remember its endpoints and version. */
  @Transactional
  public void recordSync(DevicePrincipal device, List<String> endpoints, String agentVersion) {
    Peer peer = get(device.accountId(), device.peerId());
    if (peer.reportSync(endpoints, agentVersion, clock.instant())) {
      events.publishEvent(new PeerEvents.PeerChanged(device.accountId(), device.peerId()));
    }
  }

  /** Stores the latest posture facts of a device and announces them. */
  @Transactional
  public void recordPosture(
      DevicePrincipal device,
      Map<String, Object> facts,
      Instant collectedAt,
      Optional<InetAddress> address) {
    Peer peer = get(device.accountId(), device.peerId());
    Instant now = clock.instant();
    peer.seen(now);
    Object platform = facts.get("os.platform");
    Object version = facts.get("os.version");
    if (platform instanceof String p) {
      peer.reportOs(version instanceof String v ? p + " " + v : p);
    }
    PostureReport report =
        postureReports
            .findById(peer.id())
            .orElseGet(() -> new PostureReport(peer.id(), peer.accountId()));
    report.update(json.writeValueAsString(facts), collectedAt, now);
    postureReports.save(report);
    events.publishEvent(new DevicePostureReported(peer.accountId(), peer.id(), facts, address));
  }

  private static Map<String, Object> snapshot(Peer p) {
    var map = new LinkedHashMap<String, Object>();
    map.put("name", p.name());
    map.put("meshAddress", p.meshAddress());
    map.put("wireguardPublicKey", p.wireguardPublicKey());
    map.put("groups", new TreeSet<>(p.groupIds()));
    return map;
  }
}
