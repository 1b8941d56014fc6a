package io.meshward.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.link.CaFingerprint;
import io.meshward.agent.testing.AgentCli;
import io.meshward.agent.testing.Await;
import io.meshward.agent.testing.CoordinatorDouble;
import io.meshward.agent.testing.TestCa;
import io.meshward.protocol.v1.PostureReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shaded agent jar as a separate process against a real gRPC server on loopback that speaks the
 * protocol with real TLS and client certificates.
 */
class AgentProcessIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path temp;

  private CoordinatorDouble coordinator;
  private AgentCli cli;
  private Path stateDir;

  @BeforeEach
  void start() throws Exception {
    coordinator = new CoordinatorDouble();
    coordinator.setupKey("good-key", null);
    coordinator.setupKey("expired-key", "setup key expired on 2026-01-01");
    Path logs = Files.createDirectories(temp.resolve("logs"));
    cli = new AgentCli(logs);
    stateDir = temp.resolve("state");
  }

  @AfterEach
  void stop() throws Exception {
    coordinator.close();
    // The agents' own logs, for whoever reads the failsafe report of a failed run.
    try (Stream<Path> logs = Files.list(temp.resolve("logs"))) {
      for (Path log :
          logs.filter(p -> p.getFileName().toString().startsWith("agent-")).sorted().toList()) {
        System.out.println("==== " + log.getFileName() + "\n" + Files.readString(log));
      }
    }
  }

  private String address() {
    return "localhost:" + coordinator.port();
  }

  private String pin() {
    return CaFingerprint.of(coordinator.ca().certificate()).display();
  }

  @Test
  void expiredSetupKeyIsRefusedWithWhatToDoAndNothingIsSaved() throws Exception {
    var result =
        cli.run(
            "up",
            "--coordinator",
            address(),
            "--setup-key",
            "expired-key",
            "--ca-fingerprint",
            pin(),
            "--state-dir",
            stateDir.toString());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.stderr())
        .contains("setup key expired on 2026-01-01")
        .contains("ask an administrator for a new one");
    assertThat(stateDir.resolve("enrolment.json")).doesNotExist();
    assertThat(coordinator.devices()).isEmpty();
  }

  @Test
  void unreachableCoordinatorNamesTheAddressTried() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var result =
        cli.run(
            "up",
            "--coordinator",
            "127.0.0.1:" + closedPort,
            "--setup-key",
            "good-key",
            "--ca-fingerprint",
            pin(),
            "--state-dir",
            stateDir.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stderr())
        .contains("127.0.0.1:" + closedPort)
        .contains("check --coordinator and that the coordinator is running");
  }

  @Test
  void aPinForAnotherCaIsAMismatch() throws Exception {
    String otherPin = CaFingerprint.of(new TestCa("someone else").certificate()).display();
    var result =
        cli.run(
            "up",
            "--coordinator",
            address(),
            "--setup-key",
            "good-key",
            "--ca-fingerprint",
            otherPin,
            "--state-dir",
            stateDir.toString());

    assertThat(result.exitCode()).isEqualTo(6);
    assertThat(result.stderr()).contains("TLS pin mismatch").contains(otherPin);
    assertThat(coordinator.devices()).isEmpty();
  }

  @Test
  void thePinDoesNotWaiveTheHostNameCheck() throws Exception {
    // 127.0.0.2 reaches the same server, but its certificate names only localhost and 127.0.0.1.
    var result =
        cli.run(
            "up",
            "--coordinator",
            "127.0.0.2:" + coordinator.port(),
            "--setup-key",
            "good-key",
            "--ca-fingerprint",
            pin(),
            "--state-dir",
            stateDir.toString());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(6);
    assertThat(result.stderr()).contains("TLS connection to 127.0.0.2");
    assertThat(coordinator.devices()).isEmpty();
  }

  @Test
  void enrolsReportsPostureSyncsPeersAndStopsWhenRevoked() throws Exception {
    Path override = temp.resolve("facts.json");
    Files.writeString(override, "{\"os.version\": \"12\"}");
    String peerA = WireGuardKeys.generate().publicKeyBase64();
    String peerB = WireGuardKeys.generate().publicKeyBase64();
    Path config = stateDir.resolve("wg/meshward0.conf");
    String[] up = {
      "up",
      "--coordinator",
      address(),
      "--setup-key",
      "good-key",
      "--ca-fingerprint",
      pin(),
      "--state-dir",
      stateDir.toString(),
      "--facts-override",
      override.toString(),
      "--facts-check-interval",
      "200ms",
      "--keep-peers-for",
      "2s",
      "--max-retry-delay",
      "1s"
    };

    try (var agent = cli.start("agent-1", up)) {
      // Enrolment: keys made on the device, only public halves sent, state owner-only.
      Await.until("enrolment", () -> coordinator.devices().size() == 1);
      var device = coordinator.devices().get(0);
      Await.until("credentials saved", () -> Files.exists(stateDir.resolve("enrolment.json")));
      String wireGuardPrivate = Files.readString(stateDir.resolve("wireguard.key")).strip();
      assertThat(WireGuardKeys.fromPrivateKey(wireGuardPrivate).publicKeyBase64())
          .isEqualTo(device.wireGuardPublicKey());
      assertThat(device.facts().getFieldsOrThrow("os.platform").getStringValue())
          .isEqualTo("linux");
      assertOwnerOnly(stateDir);

      // Posture over mutual TLS, with the override applied.
      Await.until("posture report", () -> lastReportVersion().equals("12"));
      PostureReport report = coordinator.reports().get(coordinator.reports().size() - 1);
      assertThat(report.getFacts().getFacts().getFieldsMap())
          .containsKeys(
              "os.platform",
              "os.kernel",
              "os.distribution",
              "disk.volumes",
              "agent.version",
              "host.name",
              "net.addresses");

      // Sync: peers arrive, the config follows.
      Await.until("sync stream", () -> coordinator.syncCount() == 1);
      coordinator.setPeers(
          device.peerId(),
          List.of(
              CoordinatorDouble.peer("peer-a", peerA, "100.64.0.20", "192.0.2.20:51820"),
              CoordinatorDouble.peer("peer-b", peerB, "100.64.0.21/32")));
      Await.until(
          "two peers in config",
          () -> read(config).contains(peerA) && read(config).contains(peerB));
      assertThat(read(config))
          .contains("PrivateKey = " + wireGuardPrivate)
          .contains("Address = " + device.meshAddress())
          .contains("AllowedIPs = 100.64.0.20/32\nEndpoint = 192.0.2.20:51820")
          .contains("AllowedIPs = 100.64.0.21/32");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
          .isEqualTo("rw-------");

      // status, from another process.
      JsonNode status = statusJson(0);
      assertThat(status.get("running").asBoolean()).isTrue();
      assertThat(status.at("/status/link/connected").asBoolean()).isTrue();
      assertThat(status.at("/status/peers").size()).isEqualTo(2);
      assertThat(status.at("/status/self/peerId").asString()).isEqualTo(device.peerId());
      var human = cli.run("status", "--state-dir", stateDir.toString());
      System.out.println("==== status\n" + human.stdout());
      assertThat(human.exitCode()).isZero();
      assertThat(human.stdout())
          .contains("connected")
          .contains("device-peer-a")
          .contains("os-version: pass");

      // A posture change is reported without waiting for the interval.
      Files.writeString(override, "{\"os.version\": \"1\", \"extra\": true}");
      Await.until("changed posture report", () -> lastReportVersion().equals("1"));
      Await.until("verdict in status", () -> statusText().contains("os-version: fail"));

      // Peer removed.
      coordinator.setPeers(
          device.peerId(),
          List.of(CoordinatorDouble.peer("peer-a", peerA, "100.64.0.20", "192.0.2.20:51820")));
      Await.until(
          "peer b removed", () -> read(config).contains(peerA) && !read(config).contains(peerB));

      // Coordinator unreachable longer than --keep-peers-for: peers dropped (fail closed) ...
      coordinator.goDark();
      Await.until("peers dropped", () -> !read(config).contains("[Peer]"));
      JsonNode dark = statusJson(0);
      assertThat(dark.at("/status/link/connected").asBoolean()).isFalse();
      assertThat(dark.at("/status/peersClearedAt").isNull()).isFalse();
      assertThat(dark.at("/status/link/lastError").asString()).contains("UNAVAILABLE");
      // ... and back after it answers again.
      coordinator.comeBack();
      Await.until("peers back", () -> read(config).contains(peerA));

      // One agent per state directory.
      var second = cli.run(up);
      assertThat(second.exitCode()).isEqualTo(8);
      assertThat(second.stderr()).contains("already runs").contains("down --state-dir");

      // down stops it and removes the config.
      var down = cli.run("down", "--state-dir", stateDir.toString());
      assertThat(down.exitCode()).isZero();
      assertThat(agent.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(config).doesNotExist();
      assertThat(statusJson(10).get("running").asBoolean()).isFalse();
      assertThat(agent.stderrText()).doesNotContain(wireGuardPrivate).doesNotContain("good-key");
    }

    // Enrolled already: a restart needs no setup key, and revocation stops it with the advice.
    int syncsBefore = coordinator.syncCount();
    try (var agent =
        cli.start(
            "agent-2",
            "up",
            "--coordinator",
            address(),
            "--state-dir",
            stateDir.toString(),
            "--facts-check-interval",
            "200ms",
            "--max-retry-delay",
            "1s")) {
      Await.until("reconnected", () -> coordinator.syncCount() > syncsBefore);
      Await.until("config with peer a", () -> read(config).contains(peerA));
      assertThat(coordinator.devices()).hasSize(1);

      coordinator.revoke(coordinator.devices().get(0).peerId());

      assertThat(agent.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(agent.process().exitValue()).isEqualTo(5);
      assertThat(agent.stderrText())
          .contains("this device was removed from the mesh")
          .contains("enrol again with a new setup key after deleting " + stateDir);
      assertThat(config).doesNotExist();
      assertThat(statusJson(10).at("/status/state").asString()).isEqualTo("failed");
    }
  }

  private String lastReportVersion() {
    List<PostureReport> reports = coordinator.reports();
    if (reports.isEmpty()) {
      return "";
    }
    return reports
        .get(reports.size() - 1)
        .getFacts()
        .getFacts()
        .getFieldsOrThrow("os.version")
        .getStringValue();
  }

  private JsonNode statusJson(int expectedExit) throws Exception {
    var result = cli.run("status", "--json", "--state-dir", stateDir.toString());
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(expectedExit);
    return JSON.readTree(result.stdout());
  }

  private String statusText() {
    try {
      return cli.run("status", "--state-dir", stateDir.toString()).stdout();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void assertOwnerOnly(Path dir) throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        assertThat(mode).as(path.toString()).isIn("rwx------", "rw-------");
      }
    }
  }
}
