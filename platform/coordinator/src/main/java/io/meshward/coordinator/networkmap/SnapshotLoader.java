package io.meshward.coordinator.networkmap;

import io.meshward.coordinator.policies.PolicyService;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads an account snapshot with a handful of set-based queries (no per-peer round trips). */
@Component
public class SnapshotLoader {

  private final JdbcClient jdbc;
  private final PolicyService policies;

  SnapshotLoader(JdbcClient jdbc, PolicyService policies) {
    this.jdbc = jdbc;
    this.policies = policies;
  }

  @Transactional(readOnly = true)
  public AccountSnapshot load(String accountId) {
    String meshRange =
        jdbc.sql("SELECT mesh_range FROM account WHERE id = ?")
            .param(accountId)
            .query(String.class)
            .optional()
            .orElse("100.64.0.0/10");
    Map<String, String> groupNames = new HashMap<>();
    jdbc.sql("SELECT id, name FROM mesh_group WHERE account_id = ?")
        .param(accountId)
        .query(
            rs -> {
              groupNames.put(rs.getString(1), rs.getString(2));
            });
    Map<String, Set<String>> groupsOfPeer = new HashMap<>();
    jdbc.sql(
            "SELECT pg.peer_id, pg.group_id FROM peer_group pg"
                + " JOIN peer p ON p.id = pg.peer_id WHERE p.account_id = ?")
        .param(accountId)
        .query(
            rs -> {
              groupsOfPeer
                  .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                  .add(rs.getString(2));
            });
    Map<String, AccountSnapshot.PeerFacts> peers = new HashMap<>();
    jdbc.sql(
            "SELECT id, name, mesh_address, wireguard_public_key, os, endpoints FROM peer"
                + " WHERE account_id = ?")
        .param(accountId)
        .query(
            rs -> {
              String id = rs.getString(1);
              Set<String> groupIds = groupsOfPeer.getOrDefault(id, Set.of());
              Set<String> names = new HashSet<>();
              groupIds.forEach(g -> names.add(groupNames.get(g)));
              String endpoints = rs.getString(6);
              peers.put(
                  id,
                  new AccountSnapshot.PeerFacts(
                      id,
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      endpoints == null || endpoints.isEmpty()
                          ? List.of()
                          : Arrays.asList(endpoints.split(",")),
                      Set.copyOf(groupIds),
                      Set.copyOf(names)));
            });
    var policy =
        policies
            .active(accountId)
            .map(
                b ->
                    new AccountSnapshot.ActivePolicy(
                        b.version(), b.source().modules(), b.source().dataJson()));
    return new AccountSnapshot(
        accountId, meshRange, policy, Map.copyOf(peers), Map.copyOf(groupNames));
  }
}
