package io.meshward.agent.dataplane;

import io.meshward.agent.wireguard.WireGuardPeer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The difference between the peers an interface has and the peers it should have, as {@code wg set}
 * arguments. A peer that stays with the same allowed IPs and endpoint gets no arguments at all, so
 * its session and handshake are untouched.
 */
public record PeerChanges(
    List<WireGuardPeer> added, List<WireGuardPeer> updated, List<String> removed) {

  /** Peers per {@code wg set} call, so thousands of peers never exceed the argument limit. */
  static final int PEERS_PER_CALL = 200;

  public PeerChanges {
    added = List.copyOf(added);
    updated = List.copyOf(updated);
    removed = List.copyOf(removed);
  }

  public static PeerChanges between(Map<String, LivePeer> live, Collection<WireGuardPeer> wanted) {
    List<WireGuardPeer> added = new ArrayList<>();
    List<WireGuardPeer> updated = new ArrayList<>();
    Set<String> wantedKeys = new HashSet<>();
    for (WireGuardPeer peer : wanted) {
      wantedKeys.add(peer.publicKey());
      LivePeer current = live.get(peer.publicKey());
      if (current == null) {
        added.add(peer);
      } else if (!current.allowedIps().equals(normalisedAllowedIps(peer))
          || (peer.endpoint().isPresent() && !peer.endpoint().equals(current.endpoint()))
          || peer.persistentKeepalive() != current.persistentKeepalive()) {
        updated.add(peer);
      }
    }
    List<String> removed = new ArrayList<>(new TreeSet<>(live.keySet()));
    removed.removeAll(wantedKeys);
    return new PeerChanges(added, updated, removed);
  }

  public boolean isEmpty() {
    return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
  }

  /** The allowed IPs in the network form {@code wg show} prints them in. */
  static Set<String> normalisedAllowedIps(WireGuardPeer peer) {
    Set<String> result = new LinkedHashSet<>();
    for (String prefix : peer.allowedIps().split(",")) {
      if (!prefix.isBlank()) {
        result.add(Cidr.parse(prefix).toString());
      }
    }
    return result;
  }

  /**
   * The peer clauses of {@code wg set <interface> ...}, split into calls of at most {@link
   * #PEERS_PER_CALL} peers. Removals come first so a key that moves never collides.
   */
  public List<List<String>> wgSetArguments() {
    List<List<String>> clauses = new ArrayList<>();
    for (String key : removed) {
      clauses.add(List.of("peer", key, "remove"));
    }
    for (WireGuardPeer peer : added) {
      clauses.add(peerClause(peer));
    }
    for (WireGuardPeer peer : updated) {
      clauses.add(peerClause(peer));
    }
    List<List<String>> calls = new ArrayList<>();
    for (int start = 0; start < clauses.size(); start += PEERS_PER_CALL) {
      List<String> call = new ArrayList<>();
      clauses
          .subList(start, Math.min(clauses.size(), start + PEERS_PER_CALL))
          .forEach(call::addAll);
      calls.add(List.copyOf(call));
    }
    return calls;
  }

  private static List<String> peerClause(WireGuardPeer peer) {
    List<String> clause = new ArrayList<>();
    clause.add("peer");
    clause.add(peer.publicKey());
    clause.add("allowed-ips");
    clause.add(String.join(",", normalisedAllowedIps(peer)));
    peer.endpoint()
        .ifPresent(
            endpoint -> {
              clause.add("endpoint");
              clause.add(endpoint);
            });
    clause.add("persistent-keepalive");
    clause.add(
        peer.persistentKeepalive() == 0 ? "off" : Integer.toString(peer.persistentKeepalive()));
    return clause;
  }
}
