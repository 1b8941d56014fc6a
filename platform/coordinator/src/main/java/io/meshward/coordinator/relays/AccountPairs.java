package io.meshward.coordinator.relays;

import io.meshward.coordinator.networkmap.AllowedPairsListener.PairChange;
import io.meshward.protocol.v1.PeerPair;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the relays of one account are told: the allowed unordered pairs (kept up to date from the
 * network map's changes, never rebuilt from scratch) and the live peers. Confined to the hub's
 * thread.
 */
final class AccountPairs {

  final Set<RelaySession> sessions = new LinkedHashSet<>();

  /** A snapshot for the current state is queued on the hub's thread. */
  boolean sendScheduled;

  private Set<PeerPair> pairs = new HashSet<>();
  private Set<String> livePeers = Set.of();
  private boolean ready;
  private long serial;
  private boolean unsent;

  /** Serials start at the creation time in microseconds so that they grow across restarts. */
  AccountPairs(long startSerial) {
    this.serial = startSerial;
  }

  boolean ready() {
    return ready;
  }

  long serial() {
    return serial;
  }

  /** Whether a change has not been sent yet (a send is then scheduled). */
  boolean hasUnsentChange() {
    return unsent;
  }

  /** The serial of the snapshot about to be sent: advanced once per batch of changes. */
  long serialForSending() {
    if (unsent) {
      serial++;
      unsent = false;
    }
    return serial;
  }

  Set<PeerPair> pairs() {
    return pairs;
  }

  Set<String> livePeers() {
    return livePeers;
  }

  /**
   * Applies one recomputation of the network map.
   *
   * @return whether what relays must be told changed
   */
  boolean apply(List<PairChange> changes, boolean complete, Set<String> live) {
    if (!ready && !complete) {
      return false; // a complete set is on its way; partial news before it would be incomplete
    }
    boolean changed = !ready;
    ready = true;
    if (complete) {
      Set<PeerPair> next = new HashSet<>(changes.size() * 2);
      for (PairChange c : changes) {
        if (c.allowed()) {
          next.add(proto(c));
        }
      }
      changed |= !next.equals(pairs);
      pairs = next;
    } else {
      for (PairChange c : changes) {
        PeerPair pair = proto(c);
        changed |= c.allowed() ? pairs.add(pair) : pairs.remove(pair);
      }
    }
    if (!live.equals(livePeers)) {
      livePeers = Set.copyOf(live);
      changed = true;
    }
    unsent |= changed;
    return changed;
  }

  /** A credential changed without any pair changing (rotation). */
  void credentialsChanged() {
    unsent = true;
  }

  private static PeerPair proto(PairChange change) {
    return PeerPair.newBuilder().setA(change.a()).setB(change.b()).build();
  }
}
