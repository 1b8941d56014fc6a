package io.meshward.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.link.CaFingerprint;
import io.meshward.agent.testing.AgentCli;
import io.meshward.agent.testing.Await;
import io.meshward.agent.testing.CoordinatorDouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden testing aid {@code up --ignore-peer-updates}: the agent plays a tampered device that
 * keeps the first peer list, so relay-enforcement tests can show the relay refuses what the
 * coordinator revoked. Here only the agent side: later peer lists are ignored.
 */
class IgnorePeerUpdatesIT {

  @TempDir Path temp;

  @Test
  void keepsTheFirstPeerListAndSaysSo() throws Exception {
    String peerA = WireGuardKeys.generate().publicKeyBase64();
    String peerB = WireGuardKeys.generate().publicKeyBase64();
    Path stateDir = temp.resolve("state");
    Path config = stateDir.resolve("wg/meshward0.conf");
    try (var coordinator = new CoordinatorDouble()) {
      coordinator.setupKey("good-key", null);
      AgentCli cli = new AgentCli(Files.createDirectories(temp.resolve("logs")));
      try (var agent =
          cli.start(
              "agent-tampered",
              "up",
              "--coordinator",
              "localhost:" + coordinator.port(),
              "--setup-key",
              "good-key",
              "--ca-fingerprint",
              CaFingerprint.of(coordinator.ca().certificate()).display(),
              "--state-dir",
              stateDir.toString(),
              "--ignore-peer-updates")) {
        Await.until("enrolment", () -> coordinator.devices().size() == 1);
        Await.until("sync stream", () -> coordinator.syncCount() == 1);
        String device = coordinator.devices().get(0).peerId();
        coordinator.setPeers(
            device,
            List.of(CoordinatorDouble.peer("peer-a", peerA, "100.64.0.20", "192.0.2.20:1")));
        Await.until("first peer list applied", () -> read(config).contains(peerA));

        coordinator.setPeers(
            device,
            List.of(CoordinatorDouble.peer("peer-b", peerB, "100.64.0.21", "192.0.2.21:1")));
        Await.until(
            "second list received and ignored",
            () -> stderr(agent).contains("keeping the first peer list, ignoring this update"));
        assertThat(read(config)).contains(peerA).doesNotContain(peerB);
        assertThat(stderr(agent)).contains("--ignore-peer-updates in use");
      }
    }
  }

  private static String stderr(AgentCli.Running agent) {
    try {
      return agent.stderrText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
