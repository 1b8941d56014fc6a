package io.meshward.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors and idle-state answers, in process: no coordinator is involved. */
class CommandLineTest {

  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var commandLine = MeshwardAgentCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void aCoordinatorWithoutPortIsAUsageError() {
    assertThat(run("up", "--coordinator", "coordinator.example.com")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("host:port");
  }

  @Test
  void aBadFingerprintSaysHowToGetTheRightOne() {
    assertThat(run("up", "--coordinator", "h:1", "--ca-fingerprint", "abc"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("openssl x509 -noout -fingerprint -sha256");
  }

  @Test
  void notEnrolledAndNoSetupKey() {
    int code =
        run("up", "--coordinator", "127.0.0.1:1", "--state-dir", temp.resolve("s").toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("not enrolled yet").contains("--setup-key");
    assertThat(temp.resolve("s/agent.pid")).doesNotExist();
  }

  @Test
  void statusAndDownWithNothingRunning() {
    String dir = temp.resolve("idle").toString();

    assertThat(run("status", "--state-dir", dir)).isEqualTo(ExitCodes.NOT_RUNNING);
    assertThat(out.toString()).contains("not running").contains("not enrolled");
    assertThat(run("down", "--state-dir", dir)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("no agent is running");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:").contains("device removed from the mesh");
  }

  @Test
  void anUnknownBackendNamesTheChoices() {
    assertThat(run("up", "--coordinator", "h:1", "--backend", "kernel")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("config-file or wireguard-go");
  }

  @Test
  void upHelpShowsPathOptionsButHidesTheTamperingAid() {
    assertThat(run("up", "--help")).isZero();
    assertThat(out.toString())
        .contains("--backend")
        .contains("--direct-timeout")
        .doesNotContain("--ignore-peer-updates");
  }
}
