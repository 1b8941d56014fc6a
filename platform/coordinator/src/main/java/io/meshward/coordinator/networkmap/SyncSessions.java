package io.meshward.coordinator.networkmap;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The open Sync streams, by peer. A peer may hold more than one (e.g. during a reconnect). */
@Component
class SyncSessions {

  private static final Logger log = LoggerFactory.getLogger(SyncSessions.class);

  /**
   * One open stream; sends are serialised because a gRPC stream is not thread-safe. A map is
   * written only while the transport is ready for more (gRPC flow control); until then the newest
   * map waits and replaces any older one still waiting, so a slow agent is never sent a queue of
   * stale maps and the sender never waits for it.
   */
  static final class Session {
    final String accountId;
    final String peerId;
    final Instant certificateExpiresAt;
    private final ServerCallStreamObserver<EncodedNetworkMap> stream;
    private EncodedNetworkMap waiting;
    private boolean closed;

    Session(
        String accountId,
        String peerId,
        Instant certificateExpiresAt,
        ServerCallStreamObserver<EncodedNetworkMap> stream) {
      this.accountId = accountId;
      this.peerId = peerId;
      this.certificateExpiresAt = certificateExpiresAt;
      this.stream = stream;
    }

    synchronized void send(EncodedNetworkMap map) {
      if (closed || stream.isCancelled()) {
        return;
      }
      waiting = map;
      writeIfReady();
    }

    /** Called by gRPC when the stream can take more: writes the map that waited, if any. */
    synchronized void writeIfReady() {
      if (closed || waiting == null || !stream.isReady()) {
        return;
      }
      EncodedNetworkMap map = waiting;
      waiting = null;
      try {
        stream.onNext(map);
      } catch (RuntimeException e) {
        closed = true;
        log.debug("Sync stream of peer {} failed: {}", peerId, e.toString());
      }
    }

    synchronized void close(Status status) {
      if (closed) {
        return;
      }
      closed = true;
      waiting = null;
      try {
        stream.onError(status.asRuntimeException());
      } catch (RuntimeException alreadyClosed) {
        // the client went away first
      }
    }

    synchronized void markClosed() {
      closed = true;
      waiting = null;
    }
  }

  private final Map<String, Set<Session>> byPeer = new ConcurrentHashMap<>();
  private final Clock clock;
  private final JdbcClient jdbc;

  SyncSessions(Clock clock, JdbcClient jdbc) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  Session open(
      String accountId,
      String peerId,
      Instant certificateExpiresAt,
      ServerCallStreamObserver<EncodedNetworkMap> stream) {
    Session session = new Session(accountId, peerId, certificateExpiresAt, stream);
    byPeer.computeIfAbsent(peerId, k -> ConcurrentHashMap.newKeySet()).add(session);
    stream.setOnReadyHandler(session::writeIfReady);
    stream.setOnCancelHandler(
        () -> {
          session.markClosed();
          remove(session);
        });
    return session;
  }

  void remove(Session session) {
    byPeer.computeIfPresent(
        session.peerId,
        (k, set) -> {
          set.remove(session);
          return set.isEmpty() ? null : set;
        });
  }

  boolean isOpen(String peerId) {
    return byPeer.containsKey(peerId);
  }

  void send(String peerId, EncodedNetworkMap map) {
    Set<Session> sessions = byPeer.get(peerId);
    if (sessions != null) {
      sessions.forEach(s -> s.send(map));
    }
  }

  /** Ends every stream of a peer, e.g. because it was deleted. */
  void closeAll(String peerId, Status status) {
    Set<Session> sessions = byPeer.remove(peerId);
    if (sessions != null) {
      sessions.forEach(s -> s.close(status));
    }
  }

  /**
   * Device certificates expire while streams are open (naturally, or because an operator expired
   * the peer in the database): end those streams.
   */
  @Scheduled(fixedDelayString = "${meshward.grpc.expiry-sweep-interval:PT15S}")
  void closeExpired() {
    Instant now = clock.instant();
    if (byPeer.isEmpty()) {
      return;
    }
    try {
      jdbc
          .sql("SELECT id FROM peer WHERE cert_expires_at <= ?")
          .param(java.sql.Timestamp.from(now))
          .query(String.class)
          .list()
          .stream()
          .filter(byPeer::containsKey)
          .forEach(
              peerId ->
                  closeAll(
                      peerId,
                      Status.UNAUTHENTICATED.withDescription(
                          "device certificate expired; enrol again")));
    } catch (RuntimeException e) {
      log.warn("Could not check for expired device certificates: {}", e.toString());
    }
    for (Set<Session> sessions : byPeer.values()) {
      for (Session s : List.copyOf(sessions)) {
        if (!s.certificateExpiresAt.isAfter(now)) {
          s.close(
              Status.UNAUTHENTICATED.withDescription("device certificate expired; enrol again"));
          remove(s);
        }
      }
    }
  }

  int openCount() {
    return byPeer.values().stream().mapToInt(Set::size).sum();
  }
}
