package io.meshward.agent.cli;

import io.grpc.ManagedChannel;
import io.meshward.agent.dataplane.InboundRules;
import io.meshward.agent.dataplane.PortFilter;
import io.meshward.agent.link.Backoff;
import io.meshward.agent.link.Channels;
import io.meshward.agent.link.CoordinatorAddress;
import io.meshward.agent.link.CoordinatorSession;
import io.meshward.agent.link.LinkFailure;
import io.meshward.agent.link.PeerKeeper;
import io.meshward.agent.link.PostureSchedule;
import io.meshward.agent.link.SessionListener;
import io.meshward.agent.paths.HandshakeSource;
import io.meshward.agent.paths.PeerPath;
import io.meshward.agent.paths.PeerRouting;
import io.meshward.agent.posture.AgentVersion;
import io.meshward.agent.posture.SystemFactsCollector;
import io.meshward.agent.relay.RelayClient;
import io.meshward.agent.state.AgentProcess;
import io.meshward.agent.state.AgentStatus;
import io.meshward.agent.state.DeviceCredentials;
import io.meshward.agent.state.StateDirectory;
import io.meshward.agent.state.StatusBoard;
import io.meshward.agent.state.StatusFile;
import io.meshward.agent.wireguard.InterfaceConfig;
import io.meshward.agent.wireguard.WgQuickFormat;
import io.meshward.agent.wireguard.WireGuardBackend;
import io.meshward.agent.wireguard.WireGuardPeer;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PostureVerdict;
import io.meshward.protocol.v1.RemotePeer;
import io.meshward.protocol.v1.SyncRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What `up` does once the device has credentials: wires the coordinator session to posture
 * reporting, the peer keeper, the WireGuard backend and the status file, then waits until it is
 * stopped (signal) or the coordinator removes the device.
 */
final class AgentRuntime implements SessionListener {

  private static final Logger LOG = Logger.getLogger(AgentRuntime.class.getName());
  private static final int MAX_ENDPOINTS = 16;

  /** The `up` options the runtime needs. */
  record Settings(
      CoordinatorAddress coordinator,
      String interfaceName,
      int listenPort,
      Duration keepPeersFor,
      Duration postureInterval,
      Duration factsCheckInterval,
      Duration maxRetryDelay,
      Duration keepAlive,
      Duration directTimeout,
      int persistentKeepaliveSeconds,
      boolean ignorePeerUpdates) {}

  private final Settings settings;
  private final StateDirectory directory;
  private final DeviceCredentials credentials;
  private final Supplier<Map<String, Object>> facts;
  private final WireGuardBackend backend;
  private final Optional<PortFilter> portFilter;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "meshward-agent");
            thread.setDaemon(true);
            return thread;
          });
  private final CompletableFuture<LinkFailure> finished = new CompletableFuture<>();
  private final PostureSchedule postureSchedule;
  private final StatusBoard status;
  private final PeerKeeper peers;
  private final Optional<PeerRouting> routing;
  private final Object applyLock = new Object();
  private Optional<NetworkMap> appliedMap = Optional.empty();
  private volatile NetworkMap firstMap;
  private CoordinatorSession session;
  private boolean stopped;

  AgentRuntime(
      Settings settings,
      StateDirectory directory,
      DeviceCredentials credentials,
      Supplier<Map<String, Object>> facts,
      WireGuardBackend backend,
      Optional<PortFilter> portFilter,
      Optional<HandshakeSource> handshakes) {
    this.settings = settings;
    this.directory = directory;
    this.credentials = credentials;
    this.facts = facts;
    this.backend = backend;
    this.portFilter = portFilter;
    this.postureSchedule = new PostureSchedule(settings.postureInterval());
    this.status =
        new StatusBoard(
            new StatusFile(directory),
            Clock.systemUTC(),
            StatusBoard.initial(
                ProcessHandle.current().pid(),
                settings.coordinator().target(),
                backend.describe(settings.interfaceName())));
    this.peers = new PeerKeeper(settings.keepPeersFor(), scheduler, this::applyPeers);
    this.routing = handshakes.flatMap(this::routing);
  }

  /**
   * Path choice (direct, else relay) needs a live interface to read handshakes from and a fixed
   * listen port for relayed packets; without either, endpoints are written as advertised.
   */
  private Optional<PeerRouting> routing(HandshakeSource handshakes) {
    if (settings.listenPort() == 0) {
      LOG.warning("--listen-port 0: relayed peers need a fixed port, so no relay is used");
      return Optional.empty();
    }
    return Optional.of(
        PeerRouting.directThenRelay(
            settings.listenPort(),
            handshakes,
            Clock.systemUTC(),
            settings.directTimeout(),
            RelayClient.Timing.standard(),
            this::scheduleReapply));
  }

  private void scheduleReapply() {
    try {
      scheduler.execute(this::reapplyPeers);
    } catch (RejectedExecutionException e) {
      // stopping: the interface is being removed anyway
    }
  }

  /** Runs until stopped; returns the exit code. */
  int run() {
    var enrolment = credentials.enrolment();
    status.update(
        s ->
            with(
                s,
                "running",
                s.link(),
                new AgentStatus.Self(
                    enrolment.peerId(),
                    enrolment.peerName(),
                    enrolment.meshAddress(),
                    enrolment.certificateExpiresAt()),
                s.peers(),
                s.peersClearedAt()));
    // Fail closed from the start: no peers until the coordinator says which.
    applyPeers(Optional.empty());
    ManagedChannel channel =
        Channels.device(settings.coordinator(), credentials, settings.keepAlive());
    session =
        new CoordinatorSession(
            channel,
            scheduler,
            new Backoff(Duration.ofMillis(500), settings.maxRetryDelay(), new SecureRandom()),
            this::syncRequest,
            this,
            Duration.ofSeconds(20),
            directory.root());
    Thread hook = new Thread(() -> stop("stopped"), "meshward-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    session.start();
    scheduler.scheduleWithFixedDelay(
        this::checkPosture, 0, settings.factsCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
    routing.ifPresent(r -> scheduler.scheduleWithFixedDelay(r::refresh, 1, 1, TimeUnit.SECONDS));
    LOG.info("running; coordinator " + settings.coordinator());
    LinkFailure failure;
    try {
      failure = finished.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = null;
    } catch (ExecutionException e) {
      failure = null;
    }
    stop(failure == null ? "stopped" : "failed");
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // Already shutting down: the hook does the same.
    }
    if (failure != null) {
      throw failure;
    }
    return ExitCodes.OK;
  }

  /** Tears down once: the session, the WireGuard configuration, the pid file. */
  private void stop(String finalState) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    if (session != null) {
      session.close();
    }
    scheduler.shutdownNow();
    routing.ifPresent(PeerRouting::close);
    synchronized (this) {
      removeDataPlane();
    }
    AgentProcess.remove(directory);
    status.update(
        s ->
            with(
                s,
                finalState,
                new AgentStatus.Link(
                    s.link().coordinator(),
                    false,
                    s.link().lastContact(),
                    s.link().disconnectedSince(),
                    s.link().lastError()),
                s.self(),
                List.of(),
                s.peersClearedAt()));
    finished.complete(null);
  }

  private SyncRequest syncRequest() {
    SyncRequest.Builder request = SyncRequest.newBuilder().setAgentVersion(AgentVersion.current());
    if (settings.listenPort() > 0) {
      for (String address : SystemFactsCollector.addresses()) {
        if (address.startsWith("fe80:")) {
          continue; // Link-local: useless to a peer on another link.
        }
        if (request.getEndpointsCount() == MAX_ENDPOINTS) {
          break; // The protocol bounds the list; a host with many bridges would exceed it.
        }
        request.addEndpoints(
            (address.contains(":") ? "[" + address + "]" : address) + ":" + settings.listenPort());
      }
    }
    return request.build();
  }

  private void checkPosture() {
    try {
      Map<String, Object> current = facts.get();
      if (postureSchedule.shouldReport(current, Instant.now())) {
        session.reportPosture(current, postureSchedule::failed);
      }
    } catch (RuntimeException e) {
      LOG.warning("collecting facts failed: " + e);
    }
  }

  @Override
  public void networkMap(NetworkMap map) {
    boolean wasDisconnected = !status.current().link().connected();
    Instant now = Instant.now();
    status.update(
        s ->
            with(
                s,
                s.state(),
                new AgentStatus.Link(s.link().coordinator(), true, now, null, null),
                map.hasSelf()
                    ? new AgentStatus.Self(
                        map.getSelf().getPeerId(),
                        map.getSelf().getName(),
                        map.getSelf().getMeshAddress(),
                        credentials.enrolment().certificateExpiresAt())
                    : s.self(),
                s.peers(),
                s.peersClearedAt()));
    if (wasDisconnected) {
      postureSchedule.reconnected();
      scheduler.execute(this::checkPosture);
    }
    peers.received(tamperedView(map));
  }

  /**
   * With {@code --ignore-peer-updates} (a testing aid that plays a tampered agent) the first
   * non-empty peer list stays in force whatever the coordinator sends later; everything else
   * follows the map. (An empty list before it is applied as usual: a coordinator may open the
   * stream with no peers before policy allows any.)
   */
  private NetworkMap tamperedView(NetworkMap map) {
    if (!settings.ignorePeerUpdates()) {
      return map;
    }
    if (firstMap == null) {
      if (map.getPeersCount() > 0) {
        firstMap = map;
      }
      return map;
    }
    LOG.warning("--ignore-peer-updates: keeping the first peer list, ignoring this update");
    return map.toBuilder().clearPeers().addAllPeers(firstMap.getPeersList()).build();
  }

  @Override
  public void postureReported(
      Map<String, Object> reported, List<PostureVerdict> verdicts, Instant at) {
    List<AgentStatus.Verdict> shown = new ArrayList<>();
    for (PostureVerdict verdict : verdicts) {
      shown.add(
          new AgentStatus.Verdict(
              verdict.getPluginId(), verdict.getVerdict(), verdict.getReason()));
    }
    status.update(
        s ->
            new AgentStatus(
                s.pid(),
                s.state(),
                s.updatedAt(),
                new AgentStatus.Link(
                    s.link().coordinator(),
                    s.link().connected(),
                    Instant.now(),
                    s.link().disconnectedSince(),
                    s.link().lastError()),
                s.self(),
                new AgentStatus.Posture(at, reported, shown),
                s.peers(),
                s.peersClearedAt(),
                s.wireGuardConfig()));
  }

  @Override
  public void disconnected(String error) {
    Instant now = Instant.now();
    status.update(
        s ->
            with(
                s,
                s.state(),
                new AgentStatus.Link(
                    s.link().coordinator(),
                    false,
                    s.link().lastContact(),
                    s.link().disconnectedSince() != null ? s.link().disconnectedSince() : now,
                    error),
                s.self(),
                s.peers(),
                s.peersClearedAt()));
    peers.disconnected();
  }

  @Override
  public void revoked(LinkFailure failure) {
    // `up` prints the failure as its last words; no second copy in the log.
    status.update(
        s ->
            with(
                s,
                "failed",
                new AgentStatus.Link(
                    s.link().coordinator(),
                    false,
                    s.link().lastContact(),
                    Instant.now(),
                    failure.getMessage()),
                s.self(),
                s.peers(),
                s.peersClearedAt()));
    finished.complete(failure);
  }

  /** Applies the last map again: the path of some peer changed. */
  private void reapplyPeers() {
    synchronized (applyLock) {
      write(appliedMap, false);
    }
  }

  /** Writes the interface configuration for the map, or with no peers at all when empty. */
  private void applyPeers(Optional<NetworkMap> map) {
    synchronized (applyLock) {
      appliedMap = map;
      write(map, true);
    }
  }

  private void write(Optional<NetworkMap> map, boolean newMap) {
    if (newMap && routing.isPresent()) {
      String selfId =
          map.filter(NetworkMap::hasSelf)
              .map(m -> m.getSelf().getPeerId())
              .filter(id -> !id.isBlank())
              .orElse(credentials.enrolment().peerId());
      routing.get().mapReceived(map, selfId);
    }
    String address =
        map.filter(NetworkMap::hasSelf)
            .map(m -> m.getSelf().getMeshAddress())
            .filter(a -> !a.isBlank())
            .orElse(credentials.enrolment().meshAddress());
    List<WireGuardPeer> wireGuardPeers = new ArrayList<>();
    List<AgentStatus.Peer> shown = new ArrayList<>();
    Map<String, PeerPath> paths = routing.map(r -> r.selector().paths()).orElse(Map.of());
    for (RemotePeer peer : map.map(NetworkMap::getPeersList).orElse(List.of())) {
      Optional<String> endpoint =
          routing.isPresent()
              ? routing.get().endpointFor(peer.getPeerId())
              : peer.getEndpointsList().stream().filter(WgQuickFormat::isValidEndpoint).findFirst();
      String allowed = WgQuickFormat.hostRoute(peer.getMeshAddress());
      if (!WgQuickFormat.isValidKey(peer.getWireguardPublicKey())
          || !WgQuickFormat.isValidCidr(allowed)) {
        LOG.warning("peer " + peer.getPeerId() + " skipped: invalid public key or mesh address");
        continue;
      }
      wireGuardPeers.add(
          new WireGuardPeer(
              peer.getWireguardPublicKey(),
              allowed,
              endpoint,
              settings.persistentKeepaliveSeconds()));
      shown.add(
          new AgentStatus.Peer(
              peer.getPeerId(),
              peer.getName(),
              allowed,
              peer.getWireguardPublicKey(),
              endpoint.orElse(null),
              Optional.ofNullable(paths.get(peer.getPeerId()))
                  .map(p -> p.route().label())
                  .orElse(null)));
    }
    synchronized (this) {
      if (stopped) {
        return; // The configuration is already removed and must stay so.
      }
      try {
        backend.apply(
            new InterfaceConfig(
                settings.interfaceName(),
                credentials.wireGuard().privateKeyBase64(),
                address,
                settings.listenPort(),
                wireGuardPeers));
        // The filter follows the interface: each peer may open only what policy allows it.
        NetworkMap rules = map.orElse(NetworkMap.getDefaultInstance());
        portFilter.ifPresent(f -> f.apply(settings.interfaceName(), InboundRules.from(rules)));
      } catch (RuntimeException e) {
        // Fail closed: without a valid configuration and filter there is no interface at all.
        LOG.severe("cannot configure the WireGuard interface, removing it: " + e.getMessage());
        removeDataPlane();
        shown.clear();
      }
    }
    boolean cleared = newMap && map.isEmpty() && status.current().link().lastContact() != null;
    if (cleared) {
      LOG.warning(
          "no contact with the coordinator for "
              + settings.keepPeersFor().toString().substring(2).toLowerCase(java.util.Locale.ROOT)
              + " (--keep-peers-for): peers removed until it answers again");
    }
    status.update(
        s ->
            with(
                s,
                s.state(),
                s.link(),
                s.self(),
                List.copyOf(shown),
                cleared ? Instant.now() : map.isPresent() ? null : s.peersClearedAt()));
  }

  /** The filter first, then the interface, so no moment exists with an unfiltered interface. */
  private void removeDataPlane() {
    try {
      portFilter.ifPresent(f -> f.remove(settings.interfaceName()));
    } finally {
      backend.remove(settings.interfaceName());
    }
  }

  private static AgentStatus with(
      AgentStatus s,
      String state,
      AgentStatus.Link link,
      AgentStatus.Self self,
      List<AgentStatus.Peer> peers,
      Instant peersClearedAt) {
    return new AgentStatus(
        s.pid(),
        state,
        s.updatedAt(),
        link,
        self,
        s.posture(),
        peers,
        peersClearedAt,
        s.wireGuardConfig());
  }
}
