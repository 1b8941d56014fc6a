package io.meshward.policy.cli;

import io.meshward.policy.conformance.CaseOutcome;
import io.meshward.policy.conformance.ConformanceRunner;
import io.meshward.policy.load.PolicyFileLoader;
import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.EvalResult;
import io.meshward.policy.rego.PreparedPolicy;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.rego.ResultRow;
import io.meshward.policy.rego.TestResult;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rego-cli}: evaluate, test and check Rego with Meshward's engine. */
@Command(
    name = "rego-cli",
    mixinStandardHelpOptions = true,
    description = "Evaluate, test and check Rego policies with Meshward's JVM engine.",
    subcommands = {
      RegoCli.Eval.class,
      RegoCli.Test.class,
      RegoCli.Check.class,
      RegoCli.Conformance.class,
      io.meshward.policy.server.ServeCommand.class
    })
public final class RegoCli implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RegoCli()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing command: run 'rego-cli eval', 'test', 'check' or 'conformance' (see --help)");
  }

  private static PolicyFileLoader.Loaded loadOrReport(List<Path> paths, PrintWriter err) {
    try {
      return PolicyFileLoader.load(paths);
    } catch (PolicyFileLoader.LoadException e) {
      err.println("error: " + e.getMessage());
      return null;
    }
  }

  private static PreparedPolicy build(
      PolicyFileLoader.Loaded files, boolean strict, PrintWriter err) {
    return build(files, strict, false, err);
  }

  private static PreparedPolicy build(
      PolicyFileLoader.Loaded files, boolean strict, boolean experimental, PrintWriter err) {
    Rego.Builder b =
        Rego.builder()
            .data(files.data())
            .strictBuiltinErrors(strict)
            .experimentalKeywords(experimental);
    files.modules().forEach(b::module);
    try {
      return b.build();
    } catch (RegoException e) {
      for (RegoError error : e.errors()) {
        err.println(error);
      }
      err.println(
          e.errors().size() + " error(s): fix the locations above and run the command again");
      return null;
    }
  }

  /** {@code eval}: like {@code opa eval}. */
  @Command(name = "eval", description = "Evaluate a query and print the result as JSON.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-d", "--data"},
        description = "Policy or data file or directory (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(
        names = {"-i", "--input"},
        description = "Input document (JSON or YAML file).")
    Path input;

    @Option(names = "--strict-builtin-errors", description = "Make builtin errors fatal.")
    boolean strict;

    @Option(
        names = "--experimental-keywords",
        description = "Accept OPA's experimental `and`/`or` keywords.")
    boolean experimental;

    @Option(
        names = "--timeout",
        description = "Evaluation deadline, e.g. 500ms, 5s (default ${DEFAULT-VALUE}).",
        defaultValue = "10s")
    String timeout;

    @Parameters(index = "0", description = "The query, e.g. data.authz.allow")
    String query;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PolicyFileLoader.Loaded files = loadOrReport(data, err);
      if (files == null) {
        return 2;
      }
      PreparedPolicy policy = build(files, strict, experimental, err);
      if (policy == null) {
        return 2;
      }
      java.time.Duration deadline = parseDuration(timeout);
      if (deadline == null) {
        err.println(
            "error: --timeout " + timeout + " is not a duration (write e.g. 500ms, 5s or 1m)");
        return 2;
      }
      EvalOptions.Builder opts = EvalOptions.builder().print(err::println).timeout(deadline);
      if (input != null) {
        if (!Files.isRegularFile(input)) {
          err.println(
              "error: input file " + input + " not found (pass a JSON or YAML file with -i)");
          return 2;
        }
        try {
          opts.input(Json.parse(Files.readString(input)));
        } catch (RuntimeException e) {
          err.println("error: " + input + " is not valid JSON: " + e.getMessage());
          return 2;
        }
      }
      EvalResult r = policy.evaluate(query, opts.build());
      if (r.isError()) {
        err.println(r.error());
        err.println(
            r.error().file().equals("query")
                ? "fix the query at the position above and run eval again"
                : "fix the policy at the location above and run eval again");
        return 1;
      }
      out.println(Json.writePretty(render(r)));
      return 0;
    }

    private Value render(EvalResult r) {
      if (r.rows().isEmpty()) {
        return ObjectValue.EMPTY;
      }
      List<Value> results = new ArrayList<>();
      for (ResultRow row : r.rows()) {
        List<Value> exprs = new ArrayList<>();
        for (Value v : row.expressions()) {
          exprs.add(
              ObjectValue.builder()
                  .put("value", v)
                  .put("text", StringValue.of(query))
                  .put(
                      "location",
                      ObjectValue.ofStrings(
                          "row",
                          io.meshward.policy.value.NumberValue.of(1),
                          "col",
                          io.meshward.policy.value.NumberValue.of(1)))
                  .build());
        }
        ObjectValue.Builder b = ObjectValue.builder().put("expressions", ArrayValue.of(exprs));
        if (!row.bindings().isEmpty()) {
          Map<Value, Value> bindings = new LinkedHashMap<>();
          row.bindings().forEach((k, v) -> bindings.put(StringValue.of(k), v));
          b.put("bindings", ObjectValue.of(bindings));
        }
        results.add(b.build());
      }
      return ObjectValue.builder().put("result", ArrayValue.of(results)).build();
    }
  }

  /** {@code 500ms}, {@code 5s}, {@code 1m}, or null when the text is not such a duration. */
  static java.time.Duration parseDuration(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> java.time.Duration.ofMillis(n);
      case "s" -> java.time.Duration.ofSeconds(n);
      default -> java.time.Duration.ofMinutes(n);
    };
  }

  /** {@code test}: like {@code opa test}. */
  @Command(name = "test", description = "Run every test_* rule and report PASS/FAIL.")
  static final class Test implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", description = "Policy/data files or directories.")
    List<Path> paths;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PolicyFileLoader.Loaded files = loadOrReport(paths, err);
      if (files == null) {
        return 2;
      }
      PreparedPolicy policy = build(files, false, err);
      if (policy == null) {
        return 2;
      }
      List<TestResult> results = policy.runTests(EvalOptions.builder().print(out::println).build());
      int failed = 0;
      for (TestResult t : results) {
        String time = String.format("%.3fms", t.nanos() / 1e6);
        if (t.passed()) {
          out.println("PASS " + t.name() + " (" + time + ")");
        } else {
          failed++;
          out.println(
              (t.error() == null ? "FAIL " : "ERROR ")
                  + t.name()
                  + " ("
                  + time
                  + ")"
                  + (t.error() == null ? "" : ": " + t.error()));
        }
      }
      out.println(
          "--------------------------------------------------------------------------------");
      if (results.isEmpty()) {
        err.println("no tests found: name test rules test_<something>");
        return 2;
      }
      out.println("PASS: " + (results.size() - failed) + "/" + results.size());
      if (failed > 0) {
        out.println("FAIL: " + failed + "/" + results.size());
        return 1;
      }
      return 0;
    }
  }

  /** {@code check}: parse and compile only. */
  @Command(name = "check", description = "Parse and compile policies, printing every error.")
  static final class Check implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", description = "Policy files or directories.")
    List<Path> paths;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      PolicyFileLoader.Loaded files = loadOrReport(paths, err);
      if (files == null) {
        return 2;
      }
      return build(files, false, err) == null ? 1 : 0;
    }
  }

  /** {@code conformance}: run OPA's YAML compliance cases. */
  @Command(name = "conformance", description = "Run OPA YAML compliance cases under a directory.")
  static final class Conformance implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Directory of OPA compliance YAML files.")
    Path dir;

    @Option(names = "--filter", description = "Run only cases whose note contains this text.")
    String filter;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.isDirectory(dir)) {
        spec.commandLine()
            .getErr()
            .println("error: " + dir + " is not a directory (pass the path to OPA's v1 cases)");
        return 2;
      }
      List<CaseOutcome> outcomes = new ArrayList<>();
      for (var c : ConformanceRunner.load(dir)) {
        if (filter == null || c.note().contains(filter)) {
          outcomes.add(ConformanceRunner.run(c));
        }
      }
      Map<String, int[]> byGroup = new TreeMap<>();
      int passed = 0;
      int failed = 0;
      int skipped = 0;
      for (CaseOutcome o : outcomes) {
        int[] counts = byGroup.computeIfAbsent(o.group(), g -> new int[3]);
        switch (o.status()) {
          case PASSED -> {
            passed++;
            counts[0]++;
          }
          case FAILED -> {
            failed++;
            counts[1]++;
            out.println("FAIL " + o.note() + ": " + o.reason().replace('\n', ' '));
          }
          case SKIPPED -> {
            skipped++;
            counts[2]++;
          }
        }
      }
      out.println();
      byGroup.forEach(
          (g, c) ->
              out.println(g + ": " + c[0] + " passed, " + c[1] + " failed, " + c[2] + " skipped"));
      out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }
}
