package io.meshward.relay;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.meshward.relay.wire.Frames;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Command-line entry point of the Meshward relay. */
@Command(
    name = "meshward-relay",
    mixinStandardHelpOptions = true,
    versionProvider = RelayMain.Version.class,
    description =
        "Forwards WireGuard packets between agents, only for the pairs the coordinator allows.")
public final class RelayMain implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--coordinator",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The coordinator's gRPC address.")
  String coordinator;

  @Option(
      names = "--listen",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Where agents connect, e.g. 0.0.0.0:3478.")
  String listen;

  @Option(
      names = "--relay-id",
      required = true,
      description = "This relay's id at the coordinator.")
  String relayId;

  @Option(
      names = "--relay-token-file",
      required = true,
      paramLabel = "FILE",
      description = "File holding this relay's token (keep it readable by the relay only).")
  Path relayTokenFile;

  @Option(
      names = "--coordinator-ca",
      paramLabel = "PEM",
      description = "CA certificate(s) to trust for the coordinator; default: the system's.")
  Path coordinatorCa;

  @Option(
      names = "--insecure-coordinator",
      description = "Talk to the coordinator in plaintext. For tests only, never in production.")
  boolean insecureCoordinator;

  @Option(
      names = "--metrics-listen",
      paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics.")
  String metricsListen;

  @Option(
      names = "--max-stale-seconds",
      defaultValue = "120",
      description =
          "Keep enforcing the last snapshot this long after losing the coordinator, then forward"
              + " nothing (default: ${DEFAULT-VALUE}).")
  long maxStaleSeconds;

  @Option(
      names = "--hello-timeout-seconds",
      defaultValue = "10",
      description = "Time a new connection has to authenticate (default: ${DEFAULT-VALUE}).")
  long helloTimeoutSeconds;

  @Option(
      names = "--idle-timeout-seconds",
      defaultValue = "120",
      description = "Close connections silent this long (default: ${DEFAULT-VALUE}).")
  long idleTimeoutSeconds;

  @Option(
      names = "--max-frames-per-second",
      defaultValue = "100000",
      description = "Sustained frames per second per connection (default: ${DEFAULT-VALUE}).")
  int framesPerSecond;

  @Option(
      names = "--max-frame-burst",
      defaultValue = "20000",
      description = "Frames a connection may send at once above that (default: ${DEFAULT-VALUE}).")
  int frameBurst;

  @Option(
      names = "--io-threads",
      defaultValue = "0",
      description = "Event-loop threads (default: 0 = twice the number of cores).")
  int ioThreads;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RelayMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Relay relay = Relay.start(settings());
    // The hook itself closes the relay: the JVM waits for hooks, not for the main thread.
    Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "relay-shutdown"));
    new CountDownLatch(1).await();
    return 0;
  }

  RelaySettings settings() {
    if (insecureCoordinator && coordinatorCa != null) {
      throw usage("--insecure-coordinator and --coordinator-ca exclude each other; pick one.");
    }
    if (maxStaleSeconds < 1 || helloTimeoutSeconds < 1 || idleTimeoutSeconds < 1) {
      throw usage("timeouts must be at least 1 second.");
    }
    try {
      Frames.relayId(relayId);
    } catch (IllegalArgumentException e) {
      throw usage("--relay-id: " + e.getMessage() + "; use the id the coordinator gave.");
    }
    if (framesPerSecond < 1 || frameBurst < 1) {
      throw usage("--max-frames-per-second and --max-frame-burst must be positive.");
    }
    return new RelaySettings(
        address("--listen", listen),
        coordinator,
        credentials(),
        relayId,
        token(),
        Duration.ofSeconds(maxStaleSeconds),
        Duration.ofSeconds(helloTimeoutSeconds),
        Duration.ofSeconds(idleTimeoutSeconds),
        framesPerSecond,
        frameBurst,
        metricsListen == null ? null : address("--metrics-listen", metricsListen),
        ioThreads);
  }

  private ChannelCredentials credentials() {
    if (insecureCoordinator) {
      return InsecureChannelCredentials.create();
    }
    if (coordinatorCa == null) {
      return TlsChannelCredentials.create();
    }
    try (InputStream pem = Files.newInputStream(coordinatorCa)) {
      // gRPC reads the file lazily; check it here so a bad path fails at start, clearly.
      if (CertificateFactory.getInstance("X.509").generateCertificates(pem).isEmpty()) {
        throw new CertificateException("no certificate in the file");
      }
      return TlsChannelCredentials.newBuilder().trustManager(coordinatorCa.toFile()).build();
    } catch (IOException | CertificateException | RuntimeException e) {
      throw usage(
          "cannot read a PEM certificate from --coordinator-ca "
              + coordinatorCa
              + ": "
              + e.getMessage()
              + ". Give the coordinator's CA certificate in PEM form.");
    }
  }

  private String token() {
    try {
      String token = Files.readString(relayTokenFile, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw usage(
            "--relay-token-file " + relayTokenFile + " is empty; put the relay token in it.");
      }
      return token;
    } catch (IOException e) {
      throw usage(
          "cannot read --relay-token-file "
              + relayTokenFile
              + " ("
              + e.getClass().getSimpleName()
              + "); check the path and that the relay may read it.");
    }
  }

  private InetSocketAddress address(String option, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw usage(option + " needs HOST:PORT, e.g. 0.0.0.0:3478; got '" + value + "'.");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException e) {
      throw usage(option + " has an invalid port in '" + value + "'; use 0-65535.");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RelayMain.class.getPackage().getImplementationVersion();
      return new String[] {"meshward-relay " + (version == null ? "(development build)" : version)};
    }
  }
}
