package io.meshward.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinator started from its Boot jar with {@code java -jar}, on free ports, with its own
 * data directory and the built posture plugins. It is told where it listens by its own log.
 */
final class CoordinatorProcess implements AutoCloseable {

  /** Minimum Debian version the os-version plugin is configured with. */
  static final String MINIMUM_DEBIAN = "12";

  private static final Pattern HTTP_PORT =
      Pattern.compile("Meshward coordinator listening on http://localhost:(\\d+)");
  private static final Pattern GRPC_PORT =
      Pattern.compile("Agent gRPC endpoint listening on port (\\d+)");

  private final LaunchedProcess process;
  private final Path dataDir;
  private final int httpPort;
  private final int grpcPort;

  private CoordinatorProcess(LaunchedProcess process, Path dataDir, int httpPort, int grpcPort) {
    this.process = process;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.grpcPort = grpcPort;
  }

  /**
   * Starts the coordinator and waits until both its HTTP and gRPC ports are bound.
   *
   * @param databaseArguments {@code --spring.datasource.*} arguments, empty for embedded H2
   */
  static CoordinatorProcess start(
      BuiltArtifacts artifacts, Path workDir, Path logDir, List<String> databaseArguments) {
    Path dataDir = workDir.resolve("data");
    List<String> command = new ArrayList<>();
    command.add(BuiltArtifacts.java().toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(artifacts.coordinatorJar().toString());
    command.add("--meshward.data-dir=" + dataDir);
    command.add("--server.port=0");
    command.add("--meshward.grpc.port=0");
    command.add("--meshward.posture.plugin-dir=" + artifacts.pluginDir());
    command.add("--meshward.posture.plugins.os-version.min-linux-debian=" + MINIMUM_DEBIAN);
    command.addAll(databaseArguments);
    LaunchedProcess process =
        LaunchedProcess.start("coordinator", command, workDir, logDir.resolve("coordinator.log"));
    try {
      int[] ports = new int[2];
      await("coordinator listening on HTTP and gRPC")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(500))
          .failFast(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError("the coordinator exited; " + process.logTail(80));
                }
              })
          .until(
              () -> {
                String log = process.logText();
                Optional<Integer> http = port(HTTP_PORT, log);
                Optional<Integer> grpc = port(GRPC_PORT, log);
                http.ifPresent(p -> ports[0] = p);
                grpc.ifPresent(p -> ports[1] = p);
                return http.isPresent() && grpc.isPresent();
              });
      // Ready only after its start-up runners (the admin token file among them) have finished.
      await("coordinator ready")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .failFast(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError("the coordinator exited; " + process.logTail(80));
                }
              })
          .until(() -> ready(ports[0]));
      return new CoordinatorProcess(process, dataDir, ports[0], ports[1]);
    } catch (RuntimeException | Error e) {
      process.close();
      throw e;
    }
  }

  private static boolean ready(int httpPort) throws InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> readiness =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + httpPort + "/actuator/health/readiness"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return readiness.statusCode() == 200 && readiness.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Integer> port(Pattern pattern, String log) {
    Matcher m = pattern.matcher(log);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The bootstrap admin token the coordinator wrote on its first start (owner-only file). */
  String readAdminToken() {
    Path file = dataDir.resolve("admin-token");
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!permissions.equals(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
        throw new AssertionError(file + " should be mode 0600 but has " + permissions);
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the coordinator did not write " + file + "; " + process.logTail(40), e);
    }
  }

  int httpPort() {
    return httpPort;
  }

  /** What agents pass as {@code --coordinator}. */
  String grpcTarget() {
    return "localhost:" + grpcPort;
  }

  String logTail(int lines) {
    return process.logTail(lines);
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }
}
