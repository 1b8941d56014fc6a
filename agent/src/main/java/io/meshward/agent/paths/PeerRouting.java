package io.meshward.agent.paths;

import io.meshward.agent.relay.RelayAccess;
import io.meshward.agent.relay.RelayClient;
import io.meshward.agent.relay.RelayedPeers;
import io.meshward.agent.wireguard.WgQuickFormat;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.RelayInfo;
import io.meshward.protocol.v1.RemotePeer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Joins the network map to a {@link PathSelector} and the relay: each map configures the relay
 * connection and the peers it may carry, and gives the selector its candidates; {@link
 * #endpointFor} is then the endpoint to write for a peer. {@code changed} is called (from any
 * thread) when endpoints changed outside a map update and must be applied again.
 */
public final class PeerRouting implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PeerRouting.class.getName());

  private final PathSelector selector;
  private final RelayedPeers relayed;
  private final Runnable changed;

  public PeerRouting(PathSelector selector, RelayedPeers relayed, Runnable changed) {
    this.selector = selector;
    this.relayed = relayed;
    this.changed = changed;
  }

  /**
   * Direct-then-relay routing for a WireGuard interface listening on {@code listenPort}.
   *
   * @param changed called when endpoints must be applied again
   */
  public static PeerRouting directThenRelay(
      int listenPort,
      HandshakeSource handshakes,
      Clock clock,
      Duration directTimeout,
      RelayClient.Timing relayTiming,
      Runnable changed) {
    PeerRouting[] self = new PeerRouting[1];
    RelayedPeers relayed =
        new RelayedPeers(
            listenPort,
            relayTiming,
            peerId -> {
              PeerRouting routing = self[0];
              if (routing != null) {
                routing.reachedViaRelay(peerId);
              }
            });
    self[0] =
        new PeerRouting(
            new DirectThenRelay(handshakes, relayed::endpointFor, clock, directTimeout),
            relayed,
            changed);
    return self[0];
  }

  /** Takes a new peer list (empty: no peers at all, e.g. after losing the coordinator). */
  public void mapReceived(Optional<NetworkMap> map, String selfPeerId) {
    List<RelayAccess> relays = new ArrayList<>();
    Set<String> peerIds = new HashSet<>();
    List<PathCandidate> candidates = new ArrayList<>();
    if (map.isPresent()) {
      for (RelayInfo info : map.get().getRelaysList()) {
        try {
          relays.add(
              new RelayAccess(
                  info.getAddress(),
                  info.getCredential(),
                  Optional.of(info.getRelayId()).filter(id -> !id.isEmpty())));
        } catch (IllegalArgumentException e) {
          LOG.warning("relay ignored: " + e.getMessage());
        }
      }
      for (RemotePeer peer : map.get().getPeersList()) {
        if (peer.getPeerId().isEmpty() || !WgQuickFormat.isValidKey(peer.getWireguardPublicKey())) {
          continue;
        }
        peerIds.add(peer.getPeerId());
        candidates.add(
            new PathCandidate(
                peer.getPeerId(),
                peer.getWireguardPublicKey(),
                peer.getEndpointsList().stream()
                    .filter(WgQuickFormat::isValidEndpoint)
                    .findFirst()));
      }
    }
    relayed.configure(selfPeerId, relays, peerIds);
    selector.update(candidates);
    try {
      selector.refresh(); // e.g. a relay that just went away: decide before the caller applies
    } catch (RuntimeException e) {
      LOG.warning("path check failed: " + e.getMessage());
    }
  }

  /** The endpoint WireGuard should use for the peer now. */
  public Optional<String> endpointFor(String peerId) {
    return selector.endpoint(peerId);
  }

  /**
   * Periodic re-evaluation (handshakes seen, timeouts passed, relay up or down). A confirmed direct
   * path changes no endpoint but is applied too, so that status shows it.
   */
  public void refresh() {
    try {
      Map<String, PeerPath.Route> before = routes();
      if (selector.refresh() || !before.equals(routes())) {
        changed.run();
      }
    } catch (RuntimeException e) {
      LOG.warning("path check failed: " + e.getMessage());
    }
  }

  private Map<String, PeerPath.Route> routes() {
    Map<String, PeerPath.Route> routes = new HashMap<>();
    selector.paths().forEach((id, path) -> routes.put(id, path.route()));
    return routes;
  }

  /** For {@link RelayedPeers}: a peer's packets arrived through the relay. */
  public void reachedViaRelay(String peerId) {
    if (selector.reachedViaRelay(peerId)) {
      changed.run();
    }
  }

  public PathSelector selector() {
    return selector;
  }

  public RelayedPeers relayedPeers() {
    return relayed;
  }

  @Override
  public void close() {
    relayed.close();
  }
}
