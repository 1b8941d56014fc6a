package io.meshward.coordinator.networkmap;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.meshward.coordinator.audit.AuditLog;
import io.meshward.coordinator.audit.DecisionFlip;
import io.meshward.coordinator.peers.DevicePrincipal;
import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.RelayInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Keeps every peer's network map current and pushes it to the peer's Sync streams.
 *
 * <p>Changes are collected per account and applied together shortly after (a burst of changes costs
 * one recomputation). Only the peers a change affects are re-decided; a map is rebuilt for them and
 * their neighbours, and sent only if it differs from the last one. All state lives on one worker
 * thread, so no locking is needed; the rebuilt maps are encoded (once: the digest and gRPC use the
 * same bytes) on a small pool that only reads that state while the worker waits for it.
 */
@Service
public class NetworkMapService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(NetworkMapService.class);
  private static final long BATCH_DELAY_MILLIS = 50;
  private static final int MAX_AUDITED_FLIPS = 1000;

  /** Affected peers of one account waiting to be recomputed; {@code all} covers everyone. */
  private static final class Pending {
    final Set<String> peers = new HashSet<>();
    boolean all;
  }

  /** Per-account state; touched by the worker thread only. */
  private static final class AccountMaps {
    final AccessGraph graph = new AccessGraph();

    /** SHA-256 of the last map built per peer: enough to tell a change, small at 10k peers. */
    final Map<String, byte[]> lastDigests = new HashMap<>();

    final Map<String, Long> serials = new HashMap<>();
    final MapEncoder encoder = new MapEncoder();
    Map<String, AccountSnapshot.PeerFacts> peers = Map.of();
    int prefixLength = 10;
    boolean initialised;
  }

  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "networkmap");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, AccountMaps> accounts = new HashMap<>();
  private final SnapshotLoader snapshots;
  private final AccessDecisions decisions;
  private final SyncSessions sessions;
  private final AuditLog audit;
  private final ObjectProvider<AgentRelays> relays;
  private final ObjectProvider<AllowedPairsListener> pairListeners;
  private final ParallelEncoding encoding = new ParallelEncoding(ParallelEncoding.defaultThreads());

  NetworkMapService(
      SnapshotLoader snapshots,
      AccessDecisions decisions,
      SyncSessions sessions,
      AuditLog audit,
      ObjectProvider<AgentRelays> relays,
      ObjectProvider<AllowedPairsListener> pairListeners) {
    this.snapshots = snapshots;
    this.decisions = decisions;
    this.sessions = sessions;
    this.audit = audit;
    this.relays = relays;
    this.pairListeners = pairListeners;
  }

  /**
   * Makes the pair listeners receive the account's complete set of allowed pairs: computed now if
   * the account was never computed, otherwise read from the current graph.
   */
  public void requireAllowedPairs(String accountId) {
    worker.execute(
        () -> {
          try {
            AccountMaps state = accounts.get(accountId);
            if (state == null || !state.initialised) {
              recompute(accountId, Set.of(), false);
              return;
            }
            List<AllowedPairsListener.PairChange> all = new java.util.ArrayList<>();
            for (String peer : state.peers.keySet()) {
              for (String other : state.graph.neighbours(peer)) {
                if (peer.compareTo(other) < 0) {
                  all.add(new AllowedPairsListener.PairChange(peer, other, true));
                }
              }
            }
            Set<String> live = state.peers.keySet();
            pairListeners.forEach(l -> l.allowedPairsChanged(accountId, all, true, live));
          } catch (RuntimeException e) {
            log.error(
                "Could not compute the allowed pairs of account {}; will retry", accountId, e);
            changed(accountId, Set.of());
          }
        });
  }

  /** These peers' access inputs changed (empty set: all peers of the account). */
  public void changed(String accountId, Set<String> peerIds) {
    boolean[] schedule = {false};
    pending.compute(
        accountId,
        (k, p) -> {
          if (p == null) {
            p = new Pending();
            schedule[0] = true;
          }
          if (peerIds.isEmpty()) {
            p.all = true;
          } else {
            p.peers.addAll(peerIds);
          }
          return p;
        });
    if (schedule[0]) {
      worker.schedule(() -> flush(accountId), BATCH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** A peer was deleted: its streams end now; its neighbours' maps follow in the next batch. */
  public void peerDeleted(String accountId, String peerId) {
    sessions.closeAll(
        peerId, Status.UNAUTHENTICATED.withDescription("this peer was deleted; enrol again"));
    changed(accountId, Set.of(peerId));
  }

  /** Opens a Sync stream: the current map is sent at once, then every change. */
  public void open(DevicePrincipal device, ServerCallStreamObserver<EncodedNetworkMap> stream) {
    SyncSessions.Session session =
        sessions.open(device.accountId(), device.peerId(), device.certificateExpiresAt(), stream);
    worker.execute(
        () -> {
          try {
            AccountMaps state = accounts.get(device.accountId());
            if (state == null || !state.peers.containsKey(device.peerId())) {
              recompute(device.accountId(), Set.of(device.peerId()), false);
              state = accounts.get(device.accountId());
            }
            AccountSnapshot.PeerFacts self = state.peers.get(device.peerId());
            if (self == null) {
              session.close(Status.UNAUTHENTICATED.withDescription("this peer no longer exists"));
              sessions.remove(session);
              return;
            }
            long serial = state.serials.getOrDefault(device.peerId(), 1L);
            session.send(
                state
                    .encoder
                    .encode(
                        state.graph,
                        selfConfig(state, self),
                        relaysOf(device.accountId(), self.id()),
                        serial,
                        new HashMap<>())
                    .message());
          } catch (RuntimeException e) {
            log.error("Could not send the network map of peer {}", device.peerId(), e);
            session.close(Status.UNAVAILABLE.withDescription("network map unavailable; retry"));
            sessions.remove(session);
          }
        });
  }

  private void flush(String accountId) {
    Pending change = pending.remove(accountId);
    if (change == null) {
      return;
    }
    try {
      recompute(accountId, change.peers, change.all);
    } catch (RuntimeException e) {
      log.error("Recomputing network maps of account {} failed; will retry", accountId, e);
      changed(accountId, change.all ? Set.of() : change.peers);
    }
  }

  private void recompute(String accountId, Set<String> changedPeers, boolean all) {
    AccountSnapshot snapshot = snapshots.load(accountId);
    AccountMaps state = accounts.computeIfAbsent(accountId, k -> new AccountMaps());
    boolean firstTime = !state.initialised;
    Set<String> subjects = new HashSet<>(changedPeers);
    if (all || firstTime) {
      subjects.addAll(snapshot.peers().keySet());
      subjects.addAll(state.peers.keySet());
    }
    Set<String> live = snapshot.peers().keySet();
    Set<String> dirty = new HashSet<>(subjects);
    subjects.forEach(s -> dirty.addAll(state.graph.neighbours(s)));

    Set<String> liveSubjects = new HashSet<>(subjects);
    liveSubjects.retainAll(live);
    AccessDecision decision = decisions.decide(snapshot, liveSubjects);
    List<DecisionFlip> flips = state.graph.replaceTouching(subjects, decision.allowed(), live);
    subjects.forEach(s -> dirty.addAll(state.graph.neighbours(s)));
    state.peers = snapshot.peers();
    state.encoder.update(snapshot.peers());
    state.prefixLength = prefixLength(snapshot.meshRange());
    state.initialised = true;
    publishPairs(accountId, state, flips, firstTime, snapshot.peers().keySet());

    List<ParallelEncoding.Job> jobs = new ArrayList<>(dirty.size());
    for (String peerId : dirty) {
      AccountSnapshot.PeerFacts self = snapshot.peers().get(peerId);
      if (self == null) {
        state.lastDigests.remove(peerId);
        state.serials.remove(peerId);
        continue;
      }
      // Encoded with the serial it gets if it changed; the digest covers everything but the serial.
      long serial = state.serials.getOrDefault(peerId, 0L) + 1;
      jobs.add(
          new ParallelEncoding.Job(
              peerId, selfConfig(state, self), relaysOf(accountId, peerId), serial));
    }
    int[] pushed = {0};
    encoding.encode(
        state.encoder,
        state.graph,
        jobs,
        built -> {
          String peerId = built.job().peerId();
          if (!Arrays.equals(built.digest(), state.lastDigests.get(peerId))) {
            state.lastDigests.put(peerId, built.digest());
            state.serials.put(peerId, built.job().serial());
            if (sessions.isOpen(peerId)) {
              sessions.send(peerId, built.map().message());
              pushed[0]++;
            }
          }
        });
    if (!firstTime && !flips.isEmpty()) {
      audit.recordDecisionFlips(
          accountId, decisions.explained(snapshot, flips, MAX_AUDITED_FLIPS), MAX_AUDITED_FLIPS);
    }
    log.debug(
        "Account {}: re-decided {} peer(s), rebuilt {} map(s), pushed {}, {} flip(s)",
        accountId,
        liveSubjects.size(),
        dirty.size(),
        pushed[0],
        flips.size());
  }

  private void publishPairs(
      String accountId,
      AccountMaps state,
      List<DecisionFlip> flips,
      boolean complete,
      Set<String> live) {
    List<AllowedPairsListener> following =
        pairListeners.stream().filter(l -> l.follows(accountId)).toList();
    if (following.isEmpty()) {
      return;
    }
    List<AllowedPairsListener.PairChange> changes = new java.util.ArrayList<>(flips.size());
    for (DecisionFlip flip : flips) {
      String a = flip.fromPeerId();
      String b = flip.toPeerId();
      boolean allowed = !state.graph.rules(a, b).isEmpty() || !state.graph.rules(b, a).isEmpty();
      if (!complete || allowed) {
        changes.add(AllowedPairsListener.PairChange.of(a, b, allowed));
      }
    }
    following.forEach(l -> l.allowedPairsChanged(accountId, changes, complete, live));
  }

  private static PeerConfig selfConfig(AccountMaps state, AccountSnapshot.PeerFacts self) {
    return PeerConfig.newBuilder()
        .setPeerId(self.id())
        .setName(self.name())
        .setMeshAddress(self.meshAddress() + "/" + state.prefixLength)
        .build();
  }

  private List<RelayInfo> relaysOf(String accountId, String peerId) {
    List<RelayInfo> result = new ArrayList<>();
    relays.forEach(r -> result.addAll(r.relaysFor(accountId, peerId)));
    return result;
  }

  private static int prefixLength(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
    encoding.close();
  }
}
