package io.meshward.agent.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * This device's use of a relay: one {@link RelayClient} for the relay the network map names, and a
 * {@link RelayedPeerProxy} for each peer that goes through it. Only peers of the current map are
 * relayed, in either direction: a frame from any other peer id is dropped here too, whatever the
 * relay let through.
 */
public final class RelayedPeers implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RelayedPeers.class.getName());

  private final int wireGuardPort;
  private final RelayClient.Timing timing;
  private final Consumer<String> reachedViaRelay;
  private final Map<String, RelayedPeerProxy> proxies = new ConcurrentHashMap<>();
  private final Set<String> heardFrom = ConcurrentHashMap.newKeySet();
  private final AtomicLong droppedUnknownSource = new AtomicLong();
  private volatile Set<String> peers = Set.of();
  private volatile RelayClient client;
  private String selfPeerId;
  private boolean closed;

  /**
   * @param wireGuardPort the local WireGuard listen port, where relayed packets are delivered
   * @param reachedViaRelay told the first time a peer's packets arrive through the relay (the peer
   *     chose the relay, so this side should answer that way too)
   */
  public RelayedPeers(
      int wireGuardPort, RelayClient.Timing timing, Consumer<String> reachedViaRelay) {
    if (wireGuardPort < 1 || wireGuardPort > 65535) {
      throw new IllegalArgumentException(
          "relaying needs a fixed WireGuard listen port (1-65535), not " + wireGuardPort);
    }
    this.wireGuardPort = wireGuardPort;
    this.timing = timing;
    this.reachedViaRelay = reachedViaRelay;
  }

  /**
   * Applies a network map: the relays it offers (the first is used) and the peers that may be
   * relayed. A refused client tries again, since the map may carry a fresh credential.
   */
  public synchronized void configure(
      String selfPeerId, List<RelayAccess> relays, Set<String> peerIds) {
    if (closed) {
      return;
    }
    peers = Set.copyOf(peerIds);
    for (String gone : List.copyOf(proxies.keySet())) {
      if (!peers.contains(gone)) {
        closeProxy(gone);
      }
    }
    RelayAccess wanted = relays.isEmpty() ? null : relays.getFirst();
    RelayClient current = client;
    boolean sameRelay =
        current != null
            && wanted != null
            && current.relay().address().equals(wanted.address())
            && current.relay().credential().equals(wanted.credential())
            && current.relay().relayId().equals(wanted.relayId())
            && Objects.equals(this.selfPeerId, selfPeerId);
    if (sameRelay) {
      if (current.status().state() == RelayStatus.State.REFUSED) {
        current.retry();
      }
      return;
    }
    if (current != null) {
      client = null;
      current.close();
    }
    this.selfPeerId = selfPeerId;
    if (wanted == null) {
      for (String peer : List.copyOf(proxies.keySet())) {
        closeProxy(peer);
      }
      return;
    }
    try {
      client = new RelayClient(wanted, selfPeerId, new Listener(), timing).start();
      LOG.info("using relay " + wanted.address() + " for peers without a direct path");
    } catch (IllegalArgumentException e) {
      LOG.warning("relay " + wanted.address() + " not used: " + e.getMessage());
    }
  }

  /**
   * The endpoint WireGuard should use to reach {@code peerId} through the relay, or empty when no
   * relay can carry it now (none configured, refused, or the peer is not in the map; a peer without
   * a proxy yet also needs the relay connected). A relay that is only reconnecting keeps its peers'
   * endpoints, so they do not flap.
   */
  public Optional<String> endpointFor(String peerId) {
    RelayClient current = client;
    if (current == null
        || !peers.contains(peerId)
        || current.status().state() == RelayStatus.State.REFUSED) {
      return Optional.empty(); // a refused relay carries nothing until a new map
    }
    RelayedPeerProxy existing = proxies.get(peerId);
    if (existing != null) {
      return Optional.of(existing.endpoint());
    }
    if (!current.isConnected()) {
      return Optional.empty();
    }
    return proxy(peerId).map(RelayedPeerProxy::endpoint);
  }

  /** The relay connection's state, or empty when no relay is configured. */
  public Optional<RelayStatus> relayStatus() {
    RelayClient current = client;
    return current == null ? Optional.empty() : Optional.of(current.status());
  }

  /** Frames dropped because they came from a peer id that is not in the current map. */
  public long droppedFromUnknownPeers() {
    return droppedUnknownSource.get();
  }

  private Optional<RelayedPeerProxy> proxy(String peerId) {
    try {
      return Optional.of(
          proxies.computeIfAbsent(
              peerId,
              id -> {
                try {
                  return RelayedPeerProxy.open(id, wireGuardPort, this::send);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      LOG.warning("peer " + peerId + " cannot be relayed: " + e.getMessage());
      return Optional.empty();
    }
  }

  private boolean send(byte[] destination, byte[] packet, int offset, int length) {
    RelayClient current = client;
    return current != null && current.send(destination, packet, offset, length);
  }

  private void closeProxy(String peerId) {
    RelayedPeerProxy proxy = proxies.remove(peerId);
    heardFrom.remove(peerId);
    if (proxy != null) {
      proxy.close();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    RelayClient current = client;
    client = null;
    if (current != null) {
      current.close();
    }
    for (String peer : List.copyOf(proxies.keySet())) {
      closeProxy(peer);
    }
  }

  private final class Listener implements RelayListener {
    @Override
    public void packet(String sourcePeerId, byte[] packet) {
      if (!peers.contains(sourcePeerId)) {
        droppedUnknownSource.incrementAndGet();
        return; // not a peer of ours (any more): fail closed, whatever the relay allowed
      }
      Optional<RelayedPeerProxy> proxy = proxy(sourcePeerId);
      if (proxy.isEmpty()) {
        return;
      }
      proxy.get().deliver(packet);
      if (heardFrom.add(sourcePeerId)) {
        reachedViaRelay.accept(sourcePeerId);
      }
    }

    @Override
    public void status(RelayStatus status) {
      // RelayClient logs its transitions; callers read relayStatus() when they need it.
    }
  }
}
