package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.wire.ErrorCode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code meshward-relay.jar}, started as its own process, as an operator would. */
class RelayJarIT {

  private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+)$");

  @TempDir Path dir;

  @Test
  void theJarSubscribesForwardsAndShutsDownCleanly() throws Exception {
    Path jar = Path.of(System.getProperty("meshward.relay.jar", "target/meshward-relay.jar"));
    assertThat(jar).exists();
    Path token = Files.writeString(dir.resolve("relay-token"), FakeCoordinator.RELAY_TOKEN + "\n");
    try (var coordinator = FakeCoordinator.start()) {
      coordinator.publish(
          snapshot(3)
              .pair("alice", "bob")
              .credential("alice", "alice-secret")
              .credential("bob", "bob-secret")
              .build());
      String java = ProcessHandle.current().info().command().orElse("java");
      Process relay =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-jar",
                      jar.toString(),
                      "--coordinator",
                      coordinator.target(),
                      "--insecure-coordinator",
                      "--listen",
                      "127.0.0.1:0",
                      "--relay-id",
                      FakeCoordinator.RELAY_ID,
                      "--relay-token-file",
                      token.toString()))
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (var out =
                    new BufferedReader(
                        new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8))) {
                  out.lines().forEach(lines::add);
                } catch (Exception e) {
                  // the process ended
                }
              });
      try {
        int port = 0;
        boolean enforcing = false;
        StringBuilder log = new StringBuilder();
        while (port == 0 || !enforcing) {
          String line = lines.poll(60, TimeUnit.SECONDS);
          assertThat(line).as("relay output so far:%n%s", log).isNotNull();
          log.append(line).append('\n');
          Matcher listening = LISTENING.matcher(line);
          if (listening.find()) {
            port = Integer.parseInt(listening.group(1));
          }
          enforcing |= line.contains("enforcing snapshot 3");
        }
        assertThat(log.toString()).doesNotContain(FakeCoordinator.RELAY_TOKEN);
        var address = new InetSocketAddress("127.0.0.1", port);
        try (var alice = AgentClient.authenticated(address, "alice", "alice-secret");
            var bob = AgentClient.authenticated(address, "bob", "bob-secret")) {
          alice.send("bob", "through the jar");
          assertThat(new String(bob.read().payload(), StandardCharsets.UTF_8))
              .isEqualTo("through the jar");
          relay.destroy(); // SIGTERM
          assertThat(alice.awaitClosed()).isEqualTo(ErrorCode.SHUTTING_DOWN.code());
        }
        assertThat(relay.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        relay.destroyForcibly();
      }
    }
  }
}
