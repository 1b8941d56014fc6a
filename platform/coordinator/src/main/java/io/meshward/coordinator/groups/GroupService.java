package io.meshward.coordinator.groups;

import io.meshward.coordinator.api.ConflictException;
import io.meshward.coordinator.api.InvalidRequestException;
import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.audit.AuditLog;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Group CRUD within one account. */
@Service
public class GroupService {

  private final GroupRepository groups;
  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  GroupService(
      GroupRepository groups,
      JdbcClient jdbc,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.groups = groups;
    this.jdbc = jdbc;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public MeshGroup create(String accountId, String name, String actor) {
    if (groups.existsByAccountIdAndName(accountId, name)) {
      throw new ConflictException("a group named '" + name + "' already exists");
    }
    MeshGroup group = groups.save(new MeshGroup(accountId, name, clock.instant()));
    audit.record(accountId, actor, "group.created", group.id(), null, Map.of("name", name));
    return group;
  }

  @Transactional(readOnly = true)
  public List<MeshGroup> list(String accountId) {
    return groups.findByAccountIdOrderByName(accountId);
  }

  @Transactional(readOnly = true)
  public MeshGroup get(String accountId, String groupId) {
    return groups
        .findByIdAndAccountId(groupId, accountId)
        .orElseThrow(() -> new NotFoundException("group", groupId));
  }

  @Transactional
  public MeshGroup rename(String accountId, String groupId, String name, String actor) {
    MeshGroup group = get(accountId, groupId);
    if (group.name().equals(name)) {
      return group;
    }
    if (groups.existsByAccountIdAndName(accountId, name)) {
      throw new ConflictException("a group named '" + name + "' already exists");
    }
    String before = group.name();
    group.rename(name);
    audit.record(
        accountId, actor, "group.renamed", groupId, Map.of("name", before), Map.of("name", name));
    // Policies may refer to groups by name: the members' access may change.
    events.publishEvent(new GroupMembershipChanged(accountId, memberIds(groupId)));
    return group;
  }

  @Transactional
  public void delete(String accountId, String groupId, String actor) {
    MeshGroup group = get(accountId, groupId);
    Set<String> members = memberIds(groupId);
    groups.delete(group);
    groups.flush();
    audit.record(
        accountId,
        actor,
        "group.deleted",
        groupId,
        Map.of("name", group.name(), "peers", members),
        null);
    events.publishEvent(new GroupMembershipChanged(accountId, members));
  }

  @Transactional(readOnly = true)
  public Set<String> memberIds(String groupId) {
    return new LinkedHashSet<>(
        jdbc.sql("SELECT peer_id FROM peer_group WHERE group_id = ? ORDER BY peer_id")
            .param(groupId)
            .query(String.class)
            .list());
  }

  /**
   * Checks that every id names a group of this account.
   *
   * @throws InvalidRequestException naming {@code field} and the unknown ids
   */
  @Transactional(readOnly = true)
  public List<MeshGroup> requireAll(String accountId, Collection<String> groupIds, String field) {
    if (groupIds.isEmpty()) {
      return List.of();
    }
    List<MeshGroup> found = groups.findByAccountIdAndIdIn(accountId, new HashSet<>(groupIds));
    Set<String> missing = new LinkedHashSet<>(groupIds);
    found.forEach(g -> missing.remove(g.id()));
    if (!missing.isEmpty()) {
      throw new InvalidRequestException(field, "unknown group id(s) " + missing);
    }
    return found;
  }
}
