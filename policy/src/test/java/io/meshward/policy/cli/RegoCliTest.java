package io.meshward.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegoCliTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RegoCli());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void evalPrintsResultsLikeOpa() throws Exception {
    Files.writeString(dir.resolve("p.rego"), "package p\nallow if input.user == data.admin\n");
    Files.createDirectories(dir.resolve("cfg"));
    Files.writeString(dir.resolve("data.json"), "{\"admin\": \"alice\"}");
    Files.writeString(dir.resolve("in.json"), "{\"user\": \"alice\"}");
    Run r =
        run(
            "eval",
            "-d",
            dir.resolve("p.rego").toString(),
            "-d",
            dir.resolve("data.json").toString(),
            "-i",
            dir.resolve("in.json").toString(),
            "data.p.allow");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"result\"").contains("\"value\": true");
  }

  @Test
  void testCommandReportsFailures() throws Exception {
    Files.writeString(dir.resolve("t.rego"), "package t\ntest_ok if true\ntest_bad if false\n");
    Run r = run("test", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("PASS data.t.test_ok").contains("FAIL data.t.test_bad");
    assertThat(r.out()).contains("PASS: 1/2").contains("FAIL: 1/2");
  }

  @Test
  void checkPrintsErrorsWithLocations() throws Exception {
    Path f = dir.resolve("bad.rego");
    Files.writeString(f, "package bad\np if { x > 1 }\n");
    Run r = run("check", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(f + ":2:8: rego_unsafe_var_error: var x is unsafe");
  }

  @Test
  void loadsDataFilesAtTheirDirectoryPath() throws Exception {
    Files.createDirectories(dir.resolve("users"));
    Files.writeString(dir.resolve("users/data.json"), "{\"alice\": {\"admin\": true}}");
    Files.writeString(dir.resolve("p.rego"), "package p\nadmin if data.users.alice.admin\n");
    Run r = run("eval", "-d", dir.toString(), "data.p.admin");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"value\": true");
  }

  @Test
  void missingFilesSayWhatToDo() {
    Run r = run("check", dir.resolve("nope.rego").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no such file or directory (check the path)");
  }

  @Test
  void conformanceRunsCasesAndSummarises() throws Exception {
    Path cases = dir.resolve("cases/basic");
    Files.createDirectories(cases);
    Files.writeString(
        cases.resolve("t.yaml"),
        """
        cases:
          - note: basic/pass
            query: data.t.p = x
            modules:
              - |
                package t
                p := 1
            want_result:
              - x: 1
          - note: basic/fail
            query: data.t.p = x
            modules:
              - |
                package t
                p := 2
            want_result:
              - x: 1
        """);
    Run r = run("conformance", dir.resolve("cases").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL basic/fail");
    assertThat(r.out().strip()).endsWith("1 passed, 1 failed, 0 skipped");
  }
}
