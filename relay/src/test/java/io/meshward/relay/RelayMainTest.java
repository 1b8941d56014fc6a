package io.meshward.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RelayMainTest {

  @TempDir Path dir;

  @Test
  void missingTokenFileSaysWhatToDo() {
    var result = run("--relay-token-file", dir.resolve("absent").toString());
    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("cannot read --relay-token-file").contains("check the path");
  }

  @Test
  void emptyTokenFileIsRefused() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "  \n");
    var result = run("--relay-token-file", token.toString());
    assertThat(result.err).contains("is empty");
  }

  @Test
  void badListenAddressAndUnreadableCaAreExplained() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t0k3n\n");
    var result =
        run(
            "--relay-token-file",
            token.toString(),
            "--listen",
            "nowhere",
            "--insecure-coordinator");
    assertThat(result.err).contains("--listen needs HOST:PORT");
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");
    result = run("--relay-token-file", token.toString(), "--coordinator-ca", notPem.toString());
    assertThat(result.err).contains("cannot read a PEM certificate from --coordinator-ca");
  }

  @Test
  void aRelayIdTheChallengeCannotCarryIsRefused() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t0k3n\n");
    var result =
        run(
            "--relay-token-file",
            token.toString(),
            "--insecure-coordinator",
            "--relay-id",
            "r".repeat(129));
    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("--relay-id").contains("1-128 bytes");
  }

  @Test
  void settingsNeverPrintTheToken() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "very-secret-token\n");
    RelayMain main = new RelayMain();
    new CommandLine(main)
        .parseArgs(
            "--coordinator",
            "127.0.0.1:1",
            "--listen",
            "127.0.0.1:0",
            "--relay-id",
            "r1",
            "--relay-token-file",
            token.toString(),
            "--insecure-coordinator");
    RelaySettings settings = main.settings();
    assertThat(settings.relayToken()).isEqualTo("very-secret-token");
    assertThat(settings.toString()).doesNotContain("very-secret-token");
  }

  private record Result(int code, String err) {}

  private static Result run(String... extra) {
    String[] base = {"--coordinator", "127.0.0.1:1", "--listen", "127.0.0.1:0", "--relay-id", "r1"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RelayMain()).setOverwrittenOptionsAllowed(true);
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, err.toString());
  }
}
