package io.meshward.coordinator.relays;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.meshward.coordinator.networkmap.AllowedPairsListener;
import io.meshward.coordinator.networkmap.NetworkMapService;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.RelayCredential;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The relays' Subscribe streams and what they are told. Keeps the allowed pairs of every account
 * that has a relay subscribed, updated from the network map's changes, and sends each relay a full
 * snapshot whenever pairs or credentials change — never when nothing did. State lives on one
 * thread; only accounts with a subscribed relay are tracked.
 */
@Component
class RelaySubscriptions implements AllowedPairsListener, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RelaySubscriptions.class);

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "relay-snapshots");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, AccountPairs> accounts = new HashMap<>();

  /** The accounts in {@link #accounts}, readable from the network map's thread. */
  private final Set<String> followed = ConcurrentHashMap.newKeySet();

  private final Map<String, Set<RelaySession>> byRelay = new ConcurrentHashMap<>();
  private final NetworkMapService maps;
  private final CredentialGenerations generations;
  private final RelayCredentialKey key;
  private final Clock clock;

  RelaySubscriptions(
      NetworkMapService maps,
      CredentialGenerations generations,
      RelayCredentialKey key,
      Clock clock) {
    this.maps = maps;
    this.generations = generations;
    this.key = key;
    this.clock = clock;
  }

  /** Registers a relay's stream: the current snapshot goes out at once, then every change. */
  RelaySession open(Relay relay, ServerCallStreamObserver<AllowedPairs> stream) {
    RelaySession session = new RelaySession(relay.id(), relay.accountId(), stream);
    byRelay.computeIfAbsent(relay.id(), k -> ConcurrentHashMap.newKeySet()).add(session);
    session.onCancel(() -> forget(session));
    worker.execute(
        () -> {
          if (session.isClosed()) {
            return;
          }
          AccountPairs account = accounts.get(relay.accountId());
          if (account == null) {
            account = new AccountPairs(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()));
            accounts.put(relay.accountId(), account);
            followed.add(relay.accountId());
            maps.requireAllowedPairs(relay.accountId());
          }
          account.sessions.add(session);
          if (account.ready() && !account.hasUnsentChange()) {
            send(account, List.of(session));
          } // otherwise the snapshot already scheduled reaches this session too
        });
    return session;
  }

  boolean isConnected(String relayId) {
    return byRelay.containsKey(relayId);
  }

  /** Ends a relay's streams now (the relay was deleted). */
  void close(String relayId, Status status) {
    Set<RelaySession> sessions = byRelay.remove(relayId);
    if (sessions != null) {
      sessions.forEach(
          s -> {
            s.close(status);
            forget(s);
          });
    }
  }

  @Override
  public boolean follows(String accountId) {
    return followed.contains(accountId);
  }

  @Override
  public void allowedPairsChanged(
      String accountId, List<PairChange> changes, boolean complete, Set<String> livePeers) {
    worker.execute(
        () -> {
          AccountPairs account = accounts.get(accountId);
          if (account == null) {
            return;
          }
          if (account.apply(changes, complete, livePeers)) {
            sendSoon(accountId, account);
          }
        });
  }

  /** A peer's credential was rotated: its relays need the new hash. */
  void credentialsChanged(String accountId) {
    worker.execute(
        () -> {
          AccountPairs account = accounts.get(accountId);
          if (account != null && account.ready()) {
            account.credentialsChanged();
            sendSoon(accountId, account);
          }
        });
  }

  /**
   * Sends the account's snapshot after the changes already queued have been applied, so that a
   * burst of changes costs one snapshot rather than one each.
   */
  private void sendSoon(String accountId, AccountPairs account) {
    if (account.sendScheduled) {
      return;
    }
    account.sendScheduled = true;
    worker.execute(
        () -> {
          account.sendScheduled = false;
          if (accounts.get(accountId) == account) {
            send(account, List.copyOf(account.sessions));
          }
        });
  }

  private void send(AccountPairs account, List<RelaySession> sessions) {
    long serial = account.serialForSending();
    if (sessions.isEmpty()) {
      return;
    }
    String accountId = sessions.get(0).accountId;
    try {
      AllowedPairs shared =
          AllowedPairs.newBuilder().setSerial(serial).addAllPairs(account.pairs()).build();
      Map<String, Long> generationByPeer = new HashMap<>();
      for (String peer : account.livePeers()) {
        generationByPeer.put(peer, generations.of(accountId, peer));
      }
      for (RelaySession session : sessions) {
        List<RelayCredential> credentials = new ArrayList<>(generationByPeer.size());
        generationByPeer.forEach(
            (peer, generation) -> credentials.add(session.credential(peer, generation, key)));
        session.retainCredentials(account.livePeers());
        session.send(shared.toBuilder().addAllCredentials(credentials).build());
      }
      log.debug(
          "Account {}: snapshot {} ({} pairs, {} peers) sent to {} relay stream(s)",
          accountId,
          serial,
          account.pairs().size(),
          generationByPeer.size(),
          sessions.size());
    } catch (RuntimeException e) {
      log.error("Could not send the relay snapshot of account {}", accountId, e);
      sessions.forEach(
          s ->
              close(
                  s.relayId,
                  Status.UNAVAILABLE.withDescription("relay snapshot unavailable; retry")));
    }
  }

  private void forget(RelaySession session) {
    byRelay.computeIfPresent(
        session.relayId,
        (k, set) -> {
          set.remove(session);
          return set.isEmpty() ? null : set;
        });
    worker.execute(
        () -> {
          AccountPairs account = accounts.get(session.accountId);
          if (account != null) {
            account.sessions.remove(session);
            if (account.sessions.isEmpty()) {
              accounts.remove(session.accountId);
              followed.remove(session.accountId);
            }
          }
        });
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}
