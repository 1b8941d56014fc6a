package io.meshward.agent.cli;

import io.meshward.agent.dataplane.NftablesPortFilter;
import io.meshward.agent.dataplane.ProcessCommandRunner;
import io.meshward.agent.dataplane.WireGuardGoBackend;
import io.meshward.agent.link.CaFingerprint;
import io.meshward.agent.link.CoordinatorAddress;
import io.meshward.agent.link.Enroller;
import io.meshward.agent.paths.HandshakeSource;
import io.meshward.agent.posture.FactNames;
import io.meshward.agent.posture.FactsCollector;
import io.meshward.agent.posture.FactsOverride;
import io.meshward.agent.posture.SystemFactsCollector;
import io.meshward.agent.state.AgentProcess;
import io.meshward.agent.state.CredentialStore;
import io.meshward.agent.state.DeviceCredentials;
import io.meshward.agent.state.InstanceLock;
import io.meshward.agent.state.LiveInterface;
import io.meshward.agent.state.StateDirectory;
import io.meshward.agent.wireguard.ConfigFileBackend;
import io.meshward.agent.wireguard.InterfaceConfig;
import io.meshward.agent.wireguard.WireGuardPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `up`: enrol if needed, then stay connected in the foreground. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Enrols this device (first run only) and then runs in the foreground: reports posture,"
            + " holds the coordinator's Sync stream and writes the WireGuard configuration for"
            + " the current peers. Stop it with `meshward-agent down` or Ctrl-C.")
final class UpCommand implements Callable<Integer> {

  private static final Logger LOG = Logger.getLogger(UpCommand.class.getName());

  @Mixin StateDirOption state;

  @Option(
      names = "--coordinator",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The coordinator's gRPC address.")
  String coordinator;

  @Option(
      names = "--setup-key",
      paramLabel = "KEY",
      defaultValue = "${env:MESHWARD_SETUP_KEY}",
      description =
          "Setup key for the first enrolment (or the MESHWARD_SETUP_KEY environment variable,"
              + " which keeps it out of the process list). Ignored once enrolled.")
  String setupKey;

  @Option(
      names = "--ca-fingerprint",
      paramLabel = "SHA256",
      description =
          "SHA-256 fingerprint of the coordinator's CA certificate, trusted for enrolment instead"
              + " of the system CAs.")
  String caFingerprint;

  @Option(
      names = "--interface",
      defaultValue = "meshward0",
      paramLabel = "NAME",
      description = "WireGuard interface name (default: ${DEFAULT-VALUE}).")
  String interfaceName;

  @Option(
      names = "--listen-port",
      defaultValue = "51820",
      paramLabel = "PORT",
      description = "WireGuard UDP port, advertised to peers (default: ${DEFAULT-VALUE}).")
  int listenPort;

  @Option(
      names = "--keep-peers-for",
      defaultValue = "10m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long to keep the last peers while the coordinator is unreachable; after that"
              + " they are removed (default: ${DEFAULT-VALUE}).")
  Duration keepPeersFor;

  @Option(
      names = "--posture-interval",
      defaultValue = "60s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Report posture at least this often (default: ${DEFAULT-VALUE}).")
  Duration postureInterval;

  @Option(
      names = "--facts-check-interval",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Collect facts this often and report at once when they changed (default:"
              + " ${DEFAULT-VALUE}).")
  Duration factsCheckInterval;

  @Option(
      names = "--max-retry-delay",
      defaultValue = "60s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Longest wait between reconnection attempts (default: ${DEFAULT-VALUE}).")
  Duration maxRetryDelay;

  @Option(
      names = "--keepalive",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "gRPC keepalive ping interval, to notice a vanished coordinator; the coordinator permits"
              + " pings every 20s (meshward.grpc.permit-keep-alive-time), so keep it at least that"
              + " (default: ${DEFAULT-VALUE}).")
  Duration keepAlive;

  @Option(
      names = "--facts-override",
      paramLabel = "FILE",
      description =
          "TESTING AID: a JSON object merged over the collected facts (null removes a fact),"
              + " re-read when it changes.")
  Path factsOverride;

  /** How the WireGuard interface is made to match the peer list. */
  enum Backend {
    CONFIG_FILE("config-file"),
    WIREGUARD_GO("wireguard-go");

    private final String option;

    Backend(String option) {
      this.option = option;
    }

    @Override
    public String toString() {
      return option;
    }
  }

  @Option(
      names = "--backend",
      defaultValue = "config-file",
      paramLabel = "KIND",
      converter = BackendConverter.class,
      description =
          "config-file: write <state-dir>/wg/<interface>.conf only; wireguard-go: run the"
              + " interface with wireguard-go, wg and ip (needs root or CAP_NET_ADMIN), choosing"
              + " a direct or relayed path per peer (default: ${DEFAULT-VALUE}).")
  Backend backend;

  @Option(
      names = "--direct-timeout",
      defaultValue = "5s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "With --backend wireguard-go: a peer whose direct endpoint completes no handshake"
              + " this long goes through the relay (default: ${DEFAULT-VALUE}).")
  Duration directTimeout;

  @Option(
      names = "--persistent-keepalive",
      defaultValue = "25s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "WireGuard keepalive to every peer: starts the handshake that proves a direct path at"
              + " once and keeps NAT mappings open; 0s turns it off (default: ${DEFAULT-VALUE}).")
  Duration persistentKeepalive;

  @Option(
      names = "--ignore-peer-updates",
      hidden = true,
      description =
          "TESTING AID ONLY: act as a tampered agent that keeps the first non-empty peer list it received"
              + " and ignores later updates (to test that relays enforce policy themselves).")
  boolean ignorePeerUpdates;

  @Override
  public Integer call() {
    CoordinatorAddress address = parseAddress();
    Optional<CaFingerprint> pin = parsePin();
    try {
      InterfaceConfig.requireInterfaceName(interfaceName);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "--interface: " + e.getMessage());
    }
    if (listenPort < 0 || listenPort > 65535) {
      throw new CliFailure(ExitCodes.USAGE, "--listen-port must be from 0 to 65535");
    }
    if (persistentKeepalive.isNegative()
        || persistentKeepalive.toSeconds() > WireGuardPeer.MAX_KEEPALIVE_SECONDS
        || (!persistentKeepalive.isZero() && persistentKeepalive.toSeconds() == 0)) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--persistent-keepalive must be 0s (off) or whole seconds from 1s to 65535s, e.g. 25s");
    }
    Supplier<Map<String, Object>> facts = factsSource();
    if (ignorePeerUpdates) {
      LOG.warning(
          "--ignore-peer-updates in use: this agent ignores peer updates on purpose; for"
              + " enforcement tests only");
    }

    StateDirectory directory = state.directory();
    directory.ensureDirectory("");
    Optional<InstanceLock> lock = InstanceLock.tryAcquire(directory);
    if (lock.isEmpty()) {
      String pid = AgentProcess.read(directory).map(p -> " (pid " + p.pid() + ")").orElse("");
      throw new CliFailure(
          ExitCodes.ALREADY_RUNNING,
          "an agent already runs for "
              + directory.root()
              + pid
              + "; see `meshward-agent status --state-dir "
              + directory.root()
              + "` or stop it with `meshward-agent down --state-dir "
              + directory.root()
              + "`");
    }
    try (InstanceLock held = lock.get()) {
      AgentProcess.current().write(directory);
      try {
        DeviceCredentials credentials = credentials(directory, address, pin, facts);
        AgentRuntime runtime =
            switch (backend) {
              case CONFIG_FILE ->
                  new AgentRuntime(
                      settings(address),
                      directory,
                      credentials,
                      facts,
                      new ConfigFileBackend(directory),
                      Optional.empty(),
                      Optional.empty());
              case WIREGUARD_GO -> {
                new LiveInterface(backend.toString(), interfaceName).write(directory);
                ProcessCommandRunner runner = ProcessCommandRunner.direct();
                WireGuardGoBackend live = new WireGuardGoBackend(runner);
                yield new AgentRuntime(
                    settings(address),
                    directory,
                    credentials,
                    facts,
                    live,
                    Optional.of(new NftablesPortFilter(runner)),
                    Optional.of(handshakes(live)));
              }
            };
        int exitCode = runtime.run();
        LiveInterface.remove(directory); // torn down by the runtime as it stopped
        return exitCode;
      } finally {
        AgentProcess.remove(directory);
      }
    }
  }

  /** {@code wg show <interface> latest-handshakes}, through the backend. */
  private HandshakeSource handshakes(WireGuardGoBackend live) {
    return () -> {
      if (!live.exists(interfaceName)) {
        return Map.of();
      }
      Map<String, Instant> latest = new HashMap<>();
      live.peers(interfaceName)
          .forEach((key, peer) -> latest.put(key, Instant.ofEpochSecond(peer.latestHandshake())));
      return latest;
    };
  }

  private DeviceCredentials credentials(
      StateDirectory directory,
      CoordinatorAddress address,
      Optional<CaFingerprint> pin,
      Supplier<Map<String, Object>> facts) {
    CredentialStore store = new CredentialStore(directory);
    Optional<DeviceCredentials> stored = store.load();
    if (stored.isPresent()) {
      String enrolledWith = stored.get().enrolment().coordinator();
      if (!enrolledWith.equals(address.target())) {
        LOG.warning(
            "this device enrolled with "
                + enrolledWith
                + " and now connects to "
                + address
                + " as given by --coordinator");
      }
      return stored.get();
    }
    if (setupKey == null || setupKey.isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "this device is not enrolled yet: pass --setup-key KEY (or set MESHWARD_SETUP_KEY)"
              + " with a setup key from your administrator");
    }
    Map<String, Object> current = facts.get();
    String hostname = String.valueOf(current.getOrDefault(FactNames.HOST_NAME, "device"));
    LOG.info("enrolling with " + address);
    DeviceCredentials credentials =
        new Enroller(address, pin, Duration.ofSeconds(20))
            .enrol(setupKey.strip(), hostname, current);
    store.save(credentials);
    LOG.info(
        "enrolled as "
            + credentials.enrolment().peerName()
            + " ("
            + credentials.enrolment().peerId()
            + "), mesh address "
            + credentials.enrolment().meshAddress());
    return credentials;
  }

  private Supplier<Map<String, Object>> factsSource() {
    FactsCollector collector = new SystemFactsCollector();
    if (factsOverride == null) {
      return collector::collect;
    }
    FactsOverride override;
    try {
      override = FactsOverride.load(factsOverride);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "--facts-override: " + e.getMessage());
    }
    LOG.warning("facts override " + factsOverride + " in use: for tests and demos only");
    return () -> override.applyTo(collector.collect());
  }

  private AgentRuntime.Settings settings(CoordinatorAddress address) {
    return new AgentRuntime.Settings(
        address,
        interfaceName,
        listenPort,
        keepPeersFor,
        postureInterval,
        factsCheckInterval,
        maxRetryDelay,
        keepAlive,
        directTimeout,
        (int) persistentKeepalive.toSeconds(),
        ignorePeerUpdates);
  }

  private CoordinatorAddress parseAddress() {
    try {
      return CoordinatorAddress.parse(coordinator);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  private Optional<CaFingerprint> parsePin() {
    if (caFingerprint == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CaFingerprint.parse(caFingerprint));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
  }
}
