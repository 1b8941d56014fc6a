package io.meshward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5 end to end: the built coordinator and three agents, each its own process. Agents get
 * exactly the peers the uploaded Rego policy allows; posture and policy changes reach them while
 * they run; refused uploads change nothing. Subclasses choose the database.
 */
abstract class MeshScenario {

  private static final String ALPHA = "alpha"; // engineering
  private static final String BRAVO = "bravo"; // servers
  private static final String CHARLIE = "charlie"; // engineering + quarantine
  private static final String SUPPORTED = CoordinatorProcess.MINIMUM_DEBIAN;
  private static final String OUTDATED = "11";

  /** {@code --spring.datasource.*} arguments for the coordinator; empty means embedded H2. */
  abstract List<String> databaseArguments();

  @Test
  void agentsReceiveExactlyThePeersThePolicyAllows(@TempDir Path work) {
    BuiltArtifacts artifacts = BuiltArtifacts.fromSystemProperties();
    Path logDir = freshLogDir(artifacts.logDir().resolve(getClass().getSimpleName()));
    List<AgentProcess> agents = new ArrayList<>();
    CoordinatorProcess coordinator =
        CoordinatorProcess.start(artifacts, work, logDir, databaseArguments());
    try {
      AdminApi admin = new AdminApi(coordinator.httpPort(), coordinator.readAdminToken());
      Mesh mesh = new Mesh(agents);

      String engineering = admin.createGroup("engineering");
      String servers = admin.createGroup("servers");
      String quarantine = admin.createGroup("quarantine");
      AdminApi.SetupKey engineers =
          admin.createSetupKey("engineering laptops", List.of(engineering));
      AdminApi.SetupKey serverKey = admin.createSetupKey("servers", List.of(servers));
      AdminApi.SetupKey quarantined =
          admin.createSetupKey("quarantined laptop", List.of(engineering, quarantine));
      assertThat(engineers.caFingerprint()).matches("[0-9a-f]{64}");

      // Three devices enrol before any policy exists: every list stays empty (fail closed).
      AgentProcess charlie =
          mesh.start(
              AgentProcess.up(
                  artifacts,
                  CHARLIE,
                  coordinator,
                  quarantined.key(),
                  quarantined.caFingerprint(),
                  SUPPORTED,
                  work,
                  logDir));
      AgentProcess alpha =
          mesh.start(
              AgentProcess.up(
                  artifacts,
                  ALPHA,
                  coordinator,
                  engineers.key(),
                  engineers.caFingerprint(),
                  SUPPORTED,
                  work,
                  logDir));
      AgentProcess bravo =
          mesh.start(
              AgentProcess.up(
                  artifacts,
                  BRAVO,
                  coordinator,
                  serverKey.key(),
                  serverKey.caFingerprint(),
                  SUPPORTED,
                  work,
                  logDir));
      for (AgentProcess agent : agents) {
        mesh.awaitPosture(agent, "pass");
      }
      assertThat(admin.explain(ALPHA, BRAVO).path("decision").asString()).isEqualTo("deny");
      for (AgentProcess agent : agents) {
        assertThat(agent.status().peerNames()).as("%s without a policy", agent.name()).isEmpty();
      }

      // The policy: engineering <-> servers, only with a passing os-version verdict on both
      // ends; quarantined peers are denied whatever allows them.
      PolicyBundle policy = PolicyBundle.quickstart();
      AdminApi.Response uploaded = admin.uploadPolicy(policy);
      assertThat(uploaded.status()).as("upload: %s", uploaded).isEqualTo(201);
      assertThat(uploaded.body().path("version").asInt()).isEqualTo(1);
      assertThat(uploaded.body().path("active").asBoolean()).isTrue();

      mesh.awaitPeers(alpha, BRAVO);
      mesh.awaitPeers(bravo, ALPHA);
      // charlie is in engineering too, so only the deny rule keeps it from bravo (and bravo's
      // list, computed after charlie had enrolled, holds alpha alone).
      assertThat(charlie.status().peerNames()).isEmpty();
      JsonNode quarantinedToServer = admin.explain(CHARLIE, BRAVO);
      assertThat(quarantinedToServer.path("decision").asString()).isEqualTo("deny");
      assertThat(quarantinedToServer.path("rules").toString()).contains("quarantine");
      assertThat(quarantinedToServer.path("failed").asString()).contains("quarantined");
      assertThat(admin.explain(ALPHA, BRAVO).path("decision").asString()).isEqualTo("allow");
      String bravoKey = alpha.status().peerPublicKey(BRAVO).orElseThrow();
      assertThat(alpha.wireGuardConfig()).contains("PublicKey = " + bravoKey);

      // bravo's OS falls below the minimum: it leaves alpha's list, and the coordinator says why.
      bravo.reportOsVersion(OUTDATED);
      mesh.awaitPeers(alpha);
      mesh.awaitPeers(bravo);
      mesh.awaitPosture(bravo, "fail");
      JsonNode outdated = admin.explain(ALPHA, BRAVO);
      assertThat(outdated.path("decision").asString()).isEqualTo("deny");
      JsonNode bravoPosture = outdated.path("posture").path("destination").path("os-version");
      assertThat(bravoPosture.path("verdict").asString()).isEqualTo("fail");
      assertThat(outdated.path("failed").asString())
          .contains("os-version")
          .contains("debian " + OUTDATED + " is older than the required minimum " + SUPPORTED);
      assertThat(alpha.wireGuardConfig()).doesNotContain(bravoKey);

      // ... and comes back once it is updated.
      bravo.reportOsVersion(SUPPORTED);
      mesh.awaitPeers(alpha, BRAVO);
      mesh.awaitPeers(bravo, ALPHA);
      assertThat(admin.explain(ALPHA, BRAVO).path("decision").asString()).isEqualTo("allow");

      // A bundle whose own test fails is refused, naming the test.
      AdminApi.Response failingTest = admin.uploadPolicy(policy.withFailingTest());
      assertThat(failingTest.status()).as("%s", failingTest).isEqualTo(422);
      assertThat(failingTest.contentType()).startsWith("application/problem+json");
      assertThat(failingTest.body().path("detail").asString()).contains(PolicyBundle.FAILING_TEST);
      assertThat(failingTest.body().path("failedTests").get(0).path("name").asString())
          .isEqualTo(PolicyBundle.FAILING_TEST);

      // A bundle with a syntax error is refused with file:row:col.
      PolicyBundle.SyntaxError broken = policy.withSyntaxError();
      AdminApi.Response syntax = admin.uploadPolicy(broken.bundle());
      assertThat(syntax.status()).as("%s", syntax).isEqualTo(422);
      assertThat(syntax.contentType()).startsWith("application/problem+json");
      assertThat(syntax.body().path("detail").asString())
          .contains(PolicyBundle.MODULE + ":" + broken.row() + ":" + broken.col() + ":");
      JsonNode error = syntax.body().path("errors").get(0);
      assertThat(error.path("file").asString()).isEqualTo(PolicyBundle.MODULE);
      assertThat(error.path("row").asInt()).isEqualTo(broken.row());
      assertThat(error.path("col").asInt()).isEqualTo(broken.col());

      // Neither refusal changed anything.
      AdminApi.Response versions = admin.get("/api/v1/policies");
      assertThat(versions.body()).as("%s", versions).hasSize(1);
      assertThat(versions.body().get(0).path("version").asInt()).isEqualTo(1);
      assertThat(versions.body().get(0).path("active").asBoolean()).isTrue();
      assertThat(alpha.status().peerNames()).containsExactly(BRAVO);
      assertThat(bravo.status().peerNames()).containsExactly(ALPHA);
      assertThat(charlie.status().peerNames()).isEmpty();
      assertThat(admin.explain(ALPHA, BRAVO).path("policy_version").asInt()).isEqualTo(1);
    } catch (RuntimeException | Error e) {
      e.addSuppressed(new ProcessLogs(coordinator, agents));
      throw e;
    } finally {
      agents.forEach(AgentProcess::close);
      coordinator.close();
    }
  }

  /** The agents of one run, and how the test waits for them. */
  private record Mesh(List<AgentProcess> agents) {

    AgentProcess start(AgentProcess agent) {
      agents.add(agent);
      return agent;
    }

    /** Generous: three JVMs and a coordinator share a small CI machine. */
    ConditionFactory waiting(String what) {
      return await(what)
          .atMost(Duration.ofMinutes(3))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofSeconds(1))
          .failFast(
              () -> {
                for (AgentProcess agent : agents) {
                  if (!agent.isAlive()) {
                    throw new AssertionError("agent exited: " + agent.logTail(60));
                  }
                }
              });
    }

    void awaitPeers(AgentProcess agent, String... expected) {
      waiting(agent.name() + " lists exactly " + List.of(expected))
          .untilAsserted(
              () -> {
                AgentStatus status = agent.status();
                assertThat(status.connected()).as("%s", status).isTrue();
                assertThat(status.peerNames()).as("%s", status).containsExactly(expected);
              });
    }

    void awaitPosture(AgentProcess agent, String verdict) {
      waiting(agent.name() + " connected with os-version " + verdict)
          .untilAsserted(
              () -> {
                AgentStatus status = agent.status();
                assertThat(status.running()).as("%s", status).isTrue();
                assertThat(status.connected()).as("%s", status).isTrue();
                assertThat(status.verdict("os-version")).as("%s", status).contains(verdict);
              });
    }
  }

  /** Attached to a failure: what the processes logged last. */
  private static final class ProcessLogs extends RuntimeException {
    ProcessLogs(CoordinatorProcess coordinator, List<AgentProcess> agents) {
      super(describe(coordinator, agents), null, false, false);
    }

    private static String describe(CoordinatorProcess coordinator, List<AgentProcess> agents) {
      StringBuilder text = new StringBuilder("logs of the processes under test\n");
      text.append(coordinator.logTail(60)).append("\n\n");
      for (AgentProcess agent : agents) {
        text.append(agent.logTail(30)).append("\n\n");
      }
      return text.toString();
    }
  }

  private static Path freshLogDir(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
