package io.meshward.coordinator.relays;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each peer's relay credential generation (1 unless rotated), cached per account because maps and
 * relay snapshots read it for thousands of peers at a time. Only rotated peers have a row.
 */
@Component
class CredentialGenerations {

  private final JdbcClient jdbc;
  private final Map<String, Map<String, Long>> byAccount = new ConcurrentHashMap<>();

  CredentialGenerations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long of(String accountId, String peerId) {
    return byAccount.computeIfAbsent(accountId, this::load).getOrDefault(peerId, 1L);
  }

  /** Increments the generation inside the caller's transaction; returns the new one. */
  @Transactional(propagation = Propagation.MANDATORY)
  long increment(String accountId, String peerId) {
    long next =
        jdbc.sql("SELECT generation FROM peer_relay_credential WHERE peer_id = ?")
                .param(peerId)
                .query(Long.class)
                .optional()
                .orElse(1L)
            + 1;
    int updated =
        jdbc.sql("UPDATE peer_relay_credential SET generation = ? WHERE peer_id = ?")
            .params(next, peerId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO peer_relay_credential (peer_id, account_id, generation) VALUES (?, ?, ?)")
          .params(peerId, accountId, next)
          .update();
    }
    return next;
  }

  /** After a committed rotation. */
  void rotated(String accountId, String peerId, long generation) {
    Map<String, Long> cached = byAccount.get(accountId);
    if (cached != null) {
      cached.merge(peerId, generation, Math::max);
    }
  }

  void forget(String accountId, String peerId) {
    Map<String, Long> cached = byAccount.get(accountId);
    if (cached != null) {
      cached.remove(peerId);
    }
  }

  private Map<String, Long> load(String accountId) {
    Map<String, Long> generations = new ConcurrentHashMap<>();
    jdbc.sql("SELECT peer_id, generation FROM peer_relay_credential WHERE account_id = ?")
        .param(accountId)
        .query(
            (java.sql.ResultSet rs) -> {
              generations.put(rs.getString(1), rs.getLong(2));
            });
    return generations;
  }
}
