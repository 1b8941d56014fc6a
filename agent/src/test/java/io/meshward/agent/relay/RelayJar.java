package io.meshward.agent.relay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real relay, {@code relay/target/meshward-relay.jar}, run as its own process on a fixed
 * loopback port (so a restart comes back where the agents expect it). The agent module may not
 * depend on the relay module, so the jar is found relative to the repository (or via the {@code
 * meshward.relay.jar} property) and tests are skipped, saying how to build it, when it is absent.
 */
final class RelayJar implements AutoCloseable {

  private final Path jar;
  private final Path tokenFile;
  private final String coordinator;
  private final int port;
  private final StringBuffer log = new StringBuffer();
  private Process process;
  private BlockingQueue<String> lines;

  private RelayJar(Path jar, Path tokenFile, String coordinator, int port) {
    this.jar = jar;
    this.tokenFile = tokenFile;
    this.coordinator = coordinator;
    this.port = port;
  }

  static Path locate() {
    Path jar =
        Path.of(System.getProperty("meshward.relay.jar", "../relay/target/meshward-relay.jar"))
            .toAbsolutePath()
            .normalize();
    assumeTrue(
        Files.isRegularFile(jar),
        "the relay jar "
            + jar
            + " is missing, so the relay tests are skipped; build it first with"
            + " `./mvnw -q -pl relay package -DskipTests`");
    return jar;
  }

  /** Starts the relay against {@code coordinator} and waits until it enforces a snapshot. */
  static RelayJar start(Path workDir, String coordinator) throws Exception {
    Path jar = locate();
    Path token =
        Files.writeString(workDir.resolve("relay-token"), RelayControlFeed.RELAY_TOKEN + "\n");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    RelayJar relay = new RelayJar(jar, token, coordinator, port);
    relay.startProcess();
    return relay;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  String log() {
    return log.toString();
  }

  /** Stops the process (SIGTERM, as an operator would) and waits for it to end. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts it again on the same port. */
  void restart() throws Exception {
    startProcess();
  }

  private void startProcess() throws Exception {
    for (int attempt = 0; ; attempt++) {
      String java = ProcessHandle.current().info().command().orElse("java");
      process =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-jar",
                      jar.toString(),
                      "--coordinator",
                      coordinator,
                      "--insecure-coordinator",
                      "--listen",
                      address(),
                      "--relay-id",
                      RelayControlFeed.RELAY_ID,
                      "--relay-token-file",
                      tokenFile.toString()))
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> output = new LinkedBlockingQueue<>();
      lines = output;
      Process started = process;
      Thread.ofVirtual()
          .start(
              () -> {
                try (var in =
                    new BufferedReader(
                        new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                  in.lines()
                      .forEach(
                          line -> {
                            log.append(line).append('\n');
                            output.add(line);
                          });
                } catch (IOException e) {
                  // the process ended
                }
                output.add("<exited>");
              });
      if (awaitReady()) {
        return;
      }
      if (attempt == 5) {
        throw new AssertionError("the relay did not start; its output:\n" + log);
      }
      Thread.sleep(500); // the port may still be held by the previous run; try again
    }
  }

  private boolean awaitReady() throws InterruptedException {
    boolean listening = false;
    boolean enforcing = false;
    while (!listening || !enforcing) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("the relay gave no sign of life; its output:\n" + log);
      }
      if (line.equals("<exited>")) {
        return false;
      }
      listening |= line.contains("listening on");
      enforcing |= line.contains("enforcing snapshot");
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
