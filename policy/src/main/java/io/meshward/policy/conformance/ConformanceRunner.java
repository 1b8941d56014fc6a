package io.meshward.policy.conformance;

import io.meshward.policy.ast.Term;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.StandardBuiltins;
import io.meshward.policy.parse.Parser;
import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.EvalResult;
import io.meshward.policy.rego.PreparedPolicy;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.rego.ResultRow;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.Value;
import io.meshward.policy.value.ValueOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs OPA's YAML compliance cases: builds a policy per case, evaluates the query and compares the
 * result rows (as a set, {@code []} meaning undefined) or the expected error.
 */
public final class ConformanceRunner {

  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(10);

  private ConformanceRunner() {}

  /** Every case under {@code root}, in file order. */
  public static List<ConformanceCase> load(Path root) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ConformanceCase> out = new ArrayList<>();
    for (Path f : files) {
      String group = root.relativize(f.getParent()).toString();
      try {
        Load load = new Load(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build());
        for (Object doc : load.loadAllFromString(Files.readString(f))) {
          if (doc instanceof Map<?, ?> m && m.get("cases") instanceof List<?> cases) {
            for (Object c : cases) {
              @SuppressWarnings("unchecked")
              Map<String, Object> fields = (Map<String, Object>) c;
              out.add(new ConformanceCase(f, group, fields));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Runs every case under {@code root} with the standard builtins. */
  public static List<CaseOutcome> runAll(Path root) {
    return runAll(root, StandardBuiltins.table());
  }

  /** Runs every case under {@code root} with the given builtins. */
  public static List<CaseOutcome> runAll(Path root, BuiltinTable builtins) {
    List<CaseOutcome> out = new ArrayList<>();
    for (ConformanceCase c : load(root)) {
      out.add(run(c, builtins));
    }
    return out;
  }

  /** Runs one case with the standard builtins; never throws. */
  public static CaseOutcome run(ConformanceCase c) {
    return run(c, StandardBuiltins.table());
  }

  /** Runs one case; never throws. */
  public static CaseOutcome run(ConformanceCase c, BuiltinTable builtins) {
    try {
      return runUnchecked(c, builtins);
    } catch (RuntimeException | StackOverflowError e) {
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      String at =
          trace
              .toString()
              .lines()
              .skip(1)
              .limit(3)
              .map(String::strip)
              .reduce((a, b) -> a + " | " + b)
              .orElse("");
      return fail(c, "crashed: " + e + " " + at);
    }
  }

  private static CaseOutcome fail(ConformanceCase c, String reason) {
    return new CaseOutcome(c.group(), c.note(), CaseOutcome.Status.FAILED, reason);
  }

  private static CaseOutcome runUnchecked(ConformanceCase c, BuiltinTable builtins) {
    if (c.flag("skip")) {
      return new CaseOutcome(c.group(), c.note(), CaseOutcome.Status.SKIPPED, "marked skip");
    }
    boolean wantsError = c.has("want_error") || c.has("want_error_code");
    Rego.Builder b =
        Rego.builder().builtins(builtins).experimentalKeywords(c.flag("experimental_keywords"));
    int i = 0;
    for (String m : c.modules()) {
      b.module("test-" + i++ + ".rego", m);
    }
    if (c.get("data") != null) {
      Value data = YamlValues.of(c.get("data"));
      if (data instanceof ObjectValue) {
        b.data(data);
      }
    }
    EvalResult result;
    try {
      PreparedPolicy policy = b.build();
      EvalOptions.Builder opts =
          EvalOptions.builder()
              .timeout(CASE_TIMEOUT)
              .strictBuiltinErrors(c.flag("strict_error"))
              .now(Instant.now());
      if (c.has("input_term")) {
        opts.input(constant(Parser.parseTerm("input_term", (String) c.get("input_term"))));
      } else if (c.has("input")) {
        opts.input(YamlValues.of(c.get("input")));
      }
      result = policy.evaluate(c.query(), opts.build());
    } catch (RegoException e) {
      result = new EvalResult(List.of(), List.of(), e.first());
    }
    if (wantsError) {
      if (!result.isError()) {
        return fail(c, "expected error " + describeWanted(c) + " but got " + rowsText(result));
      }
      RegoError err = result.error();
      Object code = c.get("want_error_code");
      if (code != null && !code.equals(err.code())) {
        return fail(c, "expected error code " + code + " but got " + err);
      }
      Object msg = c.get("want_error");
      String opaStyle = err.file() + ":" + err.row() + ": " + err.code() + ": " + err.message();
      if (msg != null
          && !err.toString().contains(msg.toString())
          && !opaStyle.contains(msg.toString())
          && !(err.code() + ": " + err.message()).contains(msg.toString())) {
        return fail(c, "expected error containing '" + msg + "' but got " + err);
      }
      return new CaseOutcome(c.group(), c.note(), CaseOutcome.Status.PASSED, "");
    }
    if (result.isError()) {
      return fail(c, "unexpected error: " + result.error());
    }
    boolean sort = c.flag("sort_bindings");
    boolean ignoreGenerated = c.flag("ignore_generated_vars");
    Set<Value> want = new HashSet<>();
    if (c.get("want_result") instanceof List<?> rows) {
      for (Object row : rows) {
        want.add(normalize(YamlValues.of(row), sort, ignoreGenerated));
      }
    }
    Set<Value> got = new HashSet<>();
    for (ResultRow row : result.rows()) {
      got.add(normalize(ObjectValue.of(toKeys(row.bindings())), sort, ignoreGenerated));
    }
    if (!want.equals(got)) {
      return fail(c, "want " + sorted(want) + " but got " + sorted(got));
    }
    return new CaseOutcome(c.group(), c.note(), CaseOutcome.Status.PASSED, "");
  }

  private static String describeWanted(ConformanceCase c) {
    return String.valueOf(
        c.get("want_error_code") == null ? c.get("want_error") : c.get("want_error_code"));
  }

  private static String rowsText(EvalResult r) {
    List<Value> rows = new ArrayList<>();
    r.rows().forEach(row -> rows.add(ObjectValue.of(toKeys(row.bindings()))));
    return rows.isEmpty() ? "undefined" : ArrayValue.of(rows).toJson();
  }

  private static String sorted(Set<Value> values) {
    List<Value> l = new ArrayList<>(values);
    l.sort(ValueOrder::compare);
    String s = ArrayValue.of(l).toJson();
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  private static Map<Value, Value> toKeys(Map<String, Value> bindings) {
    Map<Value, Value> m = new HashMap<>();
    bindings.forEach((k, v) -> m.put(io.meshward.policy.value.StringValue.of(k), v));
    return m;
  }

  /** Sets become arrays (as in JSON); with {@code sort}, arrays bound at the top are sorted. */
  private static Value normalize(Value row, boolean sort, boolean ignoreGenerated) {
    if (!(row instanceof ObjectValue o)) {
      return row;
    }
    Map<Value, Value> m = new HashMap<>();
    for (Value k : o.keys()) {
      if (ignoreGenerated && k.toString().startsWith("\"__")) {
        continue;
      }
      Value v = jsonShape(o.get(k));
      if (sort && v instanceof ArrayValue a) {
        List<Value> items = new ArrayList<>(a.elements());
        items.sort(ValueOrder::compare);
        v = ArrayValue.of(items);
      }
      m.put(k, v);
    }
    return ObjectValue.of(m);
  }

  /** The value as it would round-trip through JSON: sets as arrays, keys as strings. */
  private static Value jsonShape(Value v) {
    return io.meshward.policy.value.Json.parse(v.toJson());
  }

  /** A ground term as a value; used for {@code input_term}. */
  static Value constant(Term t) {
    return switch (t) {
      case Term.Scalar s -> s.value();
      case Term.ArrayTerm a -> {
        List<Value> items = new ArrayList<>();
        a.items().forEach(x -> items.add(constant(x)));
        yield ArrayValue.of(items);
      }
      case Term.SetTerm s -> {
        List<Value> items = new ArrayList<>();
        s.items().forEach(x -> items.add(constant(x)));
        yield SetValue.of(items);
      }
      case Term.ObjectTerm o -> {
        Map<Value, Value> m = new HashMap<>();
        o.entries().forEach(en -> m.put(constant(en.key()), constant(en.value())));
        yield ObjectValue.of(m);
      }
      default ->
          throw new RegoException(
              t.loc(), "rego_parse_error", "input_term must be a constant value");
    };
  }
}
