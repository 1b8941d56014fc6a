package io.meshward.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real WireGuard over the relay: {@link RelayedWireGuardProbe} runs in a fresh network namespace (a
 * separate JVM: a JVM cannot change namespace) with two wireguard-go interfaces, the relay jar and
 * the relayed-peer proxies, and succeeds when both interfaces complete a handshake whose packets
 * could only have crossed the relay. Needs root, /dev/net/tun, wireguard-go, wg, ip and ping;
 * skipped with the reason otherwise (failed instead when CI=true).
 */
class RelayedWireGuardNamespaceIT {

  @Test
  void wireGuardHandshakesThroughTheProxiesAndTheRelay() throws Exception {
    RelayJar.locate();
    requirePrerequisites();
    String id = HexFormat.of().formatHex(randomBytes());
    String namespace = "mw-" + id + "-relay";
    String java = ProcessHandle.current().info().command().orElse("java");
    run("ip", "netns", "add", namespace);
    Process probe = null;
    try {
      run("ip", "-n", namespace, "link", "set", "dev", "lo", "up");
      probe =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  namespace,
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  RelayedWireGuardProbe.class.getName(),
                  "mw" + id + "a",
                  "mw" + id + "b")
              .redirectErrorStream(true)
              .start();
      boolean ended = probe.waitFor(150, TimeUnit.SECONDS);
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      System.out.println("==== probe\n" + output);
      assertThat(ended).as("the probe finished").isTrue();
      assertThat(output).contains("HANDSHAKES COMPLETE over the relay");
      assertThat(probe.exitValue()).isZero();
      assertThat(output).doesNotContain("alice-secret").doesNotContain("bob-secret");
    } finally {
      if (probe != null && probe.isAlive()) {
        probe.descendants().forEach(ProcessHandle::destroyForcibly);
        probe.destroyForcibly();
      }
      run("ip", "netns", "delete", namespace);
    }
  }

  private static void requirePrerequisites() {
    List<String> missing = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root");
    }
    if (!Files.exists(Path.of("/dev/net/tun"))) {
      missing.add("/dev/net/tun");
    }
    for (String tool : List.of("wireguard-go", "wg", "ip", "ping")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    String reason = "relayed WireGuard test needs " + String.join(", ", missing);
    if (!missing.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(reason + " (CI=true: install them, see .ci/install-packages)");
    }
    assumeTrue(missing.isEmpty(), reason);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[3];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
  }
}
