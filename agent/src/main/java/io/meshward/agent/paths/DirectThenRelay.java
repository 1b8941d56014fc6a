package io.meshward.agent.paths;

import io.meshward.agent.paths.PeerPath.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tries a peer's direct endpoint first; if no WireGuard handshake completes within {@code
 * directTimeout}, moves the peer to the relay. Without a relay it keeps trying direct (and checks
 * again after each further timeout). Peers without a direct endpoint go to the relay at once. A
 * peer whose packets arrive through the relay is answered through it too.
 *
 * <p>Decisions stick: a confirmed direct peer stays direct (WireGuard roams on its own) and a
 * relayed peer stays relayed while the relay can carry it. Time comes from the injected clock.
 */
public final class DirectThenRelay implements PathSelector {

  private static final Logger LOG = Logger.getLogger(DirectThenRelay.class.getName());

  public static final Duration DEFAULT_DIRECT_TIMEOUT = Duration.ofSeconds(5);

  private final HandshakeSource handshakes;
  private final RelayEndpoints relay;
  private final Clock clock;
  private final Duration directTimeout;
  private final Map<String, Entry> peers = new LinkedHashMap<>();

  public DirectThenRelay(
      HandshakeSource handshakes, RelayEndpoints relay, Clock clock, Duration directTimeout) {
    if (directTimeout.isNegative() || directTimeout.isZero()) {
      throw new IllegalArgumentException("the direct-path timeout must be longer than zero");
    }
    this.handshakes = handshakes;
    this.relay = relay;
    this.clock = clock;
    this.directTimeout = directTimeout;
  }

  private static final class Entry {
    PathCandidate candidate;
    Route route;
    Optional<String> endpoint = Optional.empty();
    Instant since;
  }

  @Override
  public synchronized void update(Collection<PathCandidate> candidates) {
    Instant now = clock.instant();
    Map<String, Entry> next = new LinkedHashMap<>();
    for (PathCandidate candidate : candidates) {
      Entry entry = peers.get(candidate.peerId());
      if (entry == null || !entry.candidate.publicKey().equals(candidate.publicKey())) {
        entry = new Entry();
        entry.candidate = candidate;
        start(entry, now);
      } else {
        Optional<String> oldDirect = entry.candidate.directEndpoint();
        entry.candidate = candidate;
        boolean directChanged = !oldDirect.equals(candidate.directEndpoint());
        // A peer relayed only because it had no address yet (it enrolled after us and had not
        // reported one) gets its direct chance once the address comes.
        boolean firstAddress = oldDirect.isEmpty() && entry.route == Route.RELAY;
        if (directChanged
            && (entry.route == Route.TRYING_DIRECT || entry.route == Route.NONE || firstAddress)) {
          start(entry, now); // a new address to try; a confirmed or relayed path stays as it is
        }
      }
      next.put(candidate.peerId(), entry);
    }
    peers.clear();
    peers.putAll(next);
  }

  private void start(Entry entry, Instant now) {
    Optional<String> direct = entry.candidate.directEndpoint();
    if (direct.isPresent()) {
      set(entry, Route.TRYING_DIRECT, direct, now);
      return;
    }
    Optional<String> relayed = relay.endpointFor(entry.candidate.peerId());
    set(entry, relayed.isPresent() ? Route.RELAY : Route.NONE, relayed, now);
  }

  @Override
  public synchronized boolean refresh() {
    Instant now = clock.instant();
    Map<String, Instant> latest = null;
    boolean changed = false;
    for (Entry entry : peers.values()) {
      switch (entry.route) {
        case TRYING_DIRECT -> {
          if (latest == null) {
            latest = handshakes.latestHandshakes();
          }
          Instant handshake = latest.get(entry.candidate.publicKey());
          // wg reports whole seconds: a handshake in the second the attempt began counts.
          if (handshake != null
              && handshake.isAfter(Instant.EPOCH)
              && !handshake.isBefore(entry.since.truncatedTo(ChronoUnit.SECONDS))) {
            set(entry, Route.DIRECT, entry.endpoint, now);
          } else if (!now.isBefore(entry.since.plus(directTimeout))) {
            Optional<String> relayed = relay.endpointFor(entry.candidate.peerId());
            if (relayed.isPresent()) {
              set(entry, Route.RELAY, relayed, now);
              changed = true;
            } else {
              entry.since = now; // no relay: keep trying direct, look again after a timeout
            }
          }
        }
        case NONE -> {
          Optional<String> relayed = relay.endpointFor(entry.candidate.peerId());
          if (relayed.isPresent()) {
            set(entry, Route.RELAY, relayed, now);
            changed = true;
          }
        }
        case RELAY -> {
          Optional<String> relayed = relay.endpointFor(entry.candidate.peerId());
          if (relayed.isEmpty()) {
            start(entry, now); // the relay went away: back to direct, or nothing
            changed = true;
          } else if (!relayed.equals(entry.endpoint)) {
            entry.endpoint = relayed;
            changed = true;
          }
        }
        case DIRECT -> {
          // confirmed; WireGuard follows the peer if it roams
        }
      }
    }
    return changed;
  }

  @Override
  public synchronized boolean reachedViaRelay(String peerId) {
    Entry entry = peers.get(peerId);
    if (entry == null || (entry.route != Route.TRYING_DIRECT && entry.route != Route.NONE)) {
      return false;
    }
    Optional<String> relayed = relay.endpointFor(peerId);
    if (relayed.isEmpty()) {
      return false;
    }
    set(entry, Route.RELAY, relayed, clock.instant());
    return true;
  }

  @Override
  public synchronized Optional<String> endpoint(String peerId) {
    Entry entry = peers.get(peerId);
    return entry == null ? Optional.empty() : entry.endpoint;
  }

  @Override
  public synchronized Map<String, PeerPath> paths() {
    Map<String, PeerPath> result = new LinkedHashMap<>();
    peers.forEach((id, e) -> result.put(id, new PeerPath(e.route, e.endpoint, e.since)));
    return result;
  }

  private void set(Entry entry, Route route, Optional<String> endpoint, Instant now) {
    if (entry.route != null && entry.route != route) {
      LOG.info(
          "peer "
              + entry.candidate.peerId()
              + ": "
              + entry.route.label()
              + " -> "
              + route.label()
              + endpoint.map(e -> " (" + e + ")").orElse(""));
    }
    entry.route = route;
    entry.endpoint = endpoint;
    entry.since = now;
  }
}
