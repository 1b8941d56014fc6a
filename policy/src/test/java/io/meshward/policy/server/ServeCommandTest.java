package io.meshward.policy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.cli.RegoCli;
import io.meshward.policy.engine.AccessBundle;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.engine.opa.OpaHttpPolicyEngine;
import io.meshward.policy.engine.opa.OpaHttpSettings;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Value;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rego-cli serve}: argument errors in-process, the real server as a separate process. */
@Timeout(120)
class ServeCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RegoCli());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void refusesToServeOffLoopbackWithoutAToken() {
    Run r = run("serve", "--addr", "0.0.0.0:0", "-d", AccessBundle.dir("access-bundle").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("without authentication").contains("--token-file");
  }

  @Test
  void reportsBadArgumentsWithWhatToDo() {
    String bundle = AccessBundle.dir("access-bundle").toString();
    assertThat(run("serve", "--timeout", "soon", "-d", bundle).err()).contains("like 500ms");
    assertThat(run("serve", "--addr", "localhost", "-d", bundle).err()).contains("host:port");
    assertThat(run("serve", "--log-level", "loud", "-d", bundle).err()).contains("debug, info");
    Run missing = run("serve", "--addr", "127.0.0.1:0", "-d", "no/such/dir");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no/such/dir").contains("check the path");
  }

  @Test
  void reportsCompileErrorsWithTheirLocation(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.rego"), "package bad\n\nallow if {\n");
    Run r = run("serve", "--addr", "127.0.0.1:0", "-d", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).containsPattern("bad\\.rego:\\d+:\\d+").contains("fix the locations");
  }

  @Test
  void parsesDurationsAndAddresses() {
    assertThat(ServeCommand.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(ServeCommand.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(ServeCommand.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> ServeCommand.parseDuration("0s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ServeCommand.parseAddress("127.0.0.1:8181").getPort()).isEqualTo(8181);
    assertThat(ServeCommand.parseAddress("[::1]:9").getAddress().isLoopbackAddress()).isTrue();
    assertThat(ServeCommand.parseAddress(":8181").getAddress().isAnyLocalAddress()).isTrue();
    assertThatThrownBy(() -> ServeCommand.parseAddress("127.0.0.1:99999"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void servesDecisionsAsASeparateProcessAndStopsCleanlyOnSigterm(@TempDir Path tmp)
      throws Exception {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            RegoCli.class.getName(),
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--log-level",
            "debug",
            "-d",
            AccessBundle.dir("access-bundle").toString());
    // destroy() closes the pipes, so the log goes to a file to be read after the stop.
    Path log = tmp.resolve("serve.log");
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("first line of serve's output").isNotNull().contains("listening on");
      Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
      assertThat(m.find()).as(line).isTrue();
      URI base = URI.create(m.group(1));

      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{}");
      }
      try (OpaHttpPolicyEngine opa = new OpaHttpPolicyEngine(OpaHttpSettings.of(base))) {
        for (AccessBundle.Case c : AccessBundle.cases()) {
          PolicyResult r = opa.evaluate(AccessBundle.ALLOW, c.input(), Duration.ofSeconds(10));
          assertThat(r).as(c.label()).isInstanceOf(PolicyResult.Defined.class);
          Value allow = ((PolicyResult.Defined) r).document();
          assertThat(allow).as(c.label()).isEqualTo(BooleanValue.of(c.allowed()));
        }

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(log);
        assertThat(err).contains("stopped").contains("POST /v1/data/meshward/access/allow -> 200");
        assertThat(process.exitValue()).isIn(0, 143);

        PolicyResult after =
            opa.evaluate(
                AccessBundle.ALLOW, AccessBundle.cases().get(0).input(), Duration.ofSeconds(5));
        assertThat(after).isInstanceOf(PolicyResult.Failed.class);
        assertThat(((PolicyResult.Failed) after).kind()).isEqualTo(FailureKind.UNREACHABLE);
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
