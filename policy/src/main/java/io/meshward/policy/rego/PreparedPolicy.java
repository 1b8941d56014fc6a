package io.meshward.policy.rego;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Location;
import io.meshward.policy.compile.CompiledPolicy;
import io.meshward.policy.compile.CompiledQuery;
import io.meshward.policy.compile.CompiledRule;
import io.meshward.policy.compile.Compiler;
import io.meshward.policy.compile.RuleSet;
import io.meshward.policy.eval.EvalSettings;
import io.meshward.policy.eval.Evaluator;
import io.meshward.policy.parse.ParseOptions;
import io.meshward.policy.parse.Parser;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled modules plus base data: immutable and safe for many concurrent evaluations, each of
 * which gets its own evaluator.
 */
public final class PreparedPolicy {

  private static final int QUERY_CACHE_LIMIT = 256;

  private final CompiledPolicy policy;
  private final Value data;
  private final boolean strict;
  private final ParseOptions parseOptions;
  private final Map<String, PreparedQuery> queries = new ConcurrentHashMap<>();

  PreparedPolicy(CompiledPolicy policy, Value data, boolean strict, ParseOptions parseOptions) {
    this.policy = policy;
    this.data = data;
    this.strict = strict;
    this.parseOptions = parseOptions;
  }

  /**
   * Parses and compiles a query once, for repeated evaluation.
   *
   * @throws RegoException when the query does not parse or compile
   */
  public PreparedQuery query(String query) {
    PreparedQuery cached = queries.get(query);
    if (cached != null) {
      return cached;
    }
    List<Expr> body = Parser.parseQuery("query", query, parseOptions);
    PreparedQuery prepared = new PreparedQuery(this, Compiler.compileQuery(body, query, policy));
    if (queries.size() < QUERY_CACHE_LIMIT) {
      queries.putIfAbsent(query, prepared);
    }
    return prepared;
  }

  /** Compiles (or reuses) and evaluates a query; errors of any phase come back in the result. */
  public EvalResult evaluate(String query, EvalOptions options) {
    PreparedQuery q;
    try {
      q = query(query);
    } catch (RegoException e) {
      return new EvalResult(List.of(), List.of(), e.first());
    }
    return q.evaluate(options);
  }

  EvalResult run(PreparedQuery prepared, EvalOptions options) {
    CompiledQuery q = prepared.compiled();
    long deadline =
        options.timeout() == null
            ? Long.MAX_VALUE
            : System.nanoTime() + Math.max(0, options.timeout().toNanos());
    EvalSettings settings =
        new EvalSettings(
            options.now() == null ? Instant.now() : options.now(),
            deadline,
            options.stepLimit() <= 0 ? Long.MAX_VALUE : options.stepLimit(),
            options.strictBuiltinErrors() == null ? strict : options.strictBuiltinErrors(),
            options.trace(),
            options.print() == null ? line -> {} : options.print(),
            options.runtime(),
            options.http(),
            options.settings());
    Evaluator evaluator = new Evaluator(policy, data, options.input(), settings);
    List<ResultRow> rows = new ArrayList<>();
    List<Expr> sourceOrder = prepared.sourceOrder();
    try {
      evaluator.query(
          q,
          frame -> {
            Map<String, Value> bindings = new LinkedHashMap<>();
            for (int slot : q.outputs()) {
              if (frame[slot] != null) {
                bindings.put(q.slotNames().get(slot), frame[slot]);
              }
            }
            List<Value> expressions = new ArrayList<>();
            for (Expr e : sourceOrder) {
              expressions.add(expressionValue(evaluator, e, frame));
            }
            rows.add(new ResultRow(bindings, expressions));
            return true;
          });
    } catch (RegoException e) {
      return new EvalResult(List.of(), evaluator.trace(), e.first());
    } catch (RuntimeException | StackOverflowError e) {
      // A defect, not a policy error; still reported as a result so callers fail closed.
      return new EvalResult(
          List.of(),
          evaluator.trace(),
          RegoError.at(null, "eval_internal_error", "evaluation failed unexpectedly: " + e));
    }
    return new EvalResult(rows, evaluator.trace(), null);
  }

  private static Value expressionValue(Evaluator evaluator, Expr e, Value[] frame) {
    if (e.negated() || !(e.kind() instanceof Expr.TermExpr te)) {
      return BooleanValue.TRUE;
    }
    if (te.term() instanceof io.meshward.policy.ast.Term.Call c
        && (c.name().equals("eq") || c.name().equals("assign"))) {
      if (c.args().get(0) instanceof io.meshward.policy.ast.Term.Local l
          && l.name().startsWith(Compiler.CAPTURE_PREFIX)) {
        return frame[l.slot()];
      }
      return BooleanValue.TRUE;
    }
    Value v = evaluator.valueOf(te.term(), frame);
    return v == null ? BooleanValue.TRUE : v;
  }

  /** Every rule definition with its METADATA, in source order. */
  public List<RuleInfo> rules() {
    List<RuleInfo> out = new ArrayList<>();
    for (RuleSet rs : policy.ruleSets().values()) {
      List<CompiledRule> all = new ArrayList<>(rs.rules());
      if (rs.defaultRule() != null) {
        all.add(rs.defaultRule());
      }
      for (CompiledRule r : all) {
        var a = r.annotations();
        out.add(
            new RuleInfo(
                r.path(),
                r.loc(),
                r.isDefault(),
                a == null ? null : a.id(),
                a == null ? null : a.title(),
                a));
      }
    }
    out.sort(
        Comparator.comparing((RuleInfo i) -> i.location().file())
            .thenComparingInt(i -> i.location().row()));
    return out;
  }

  /** Runs every {@code test_*} rule; a test passes when it is defined and not false. */
  public List<TestResult> runTests(EvalOptions options) {
    List<TestResult> out = new ArrayList<>();
    List<RuleSet> tests = new ArrayList<>();
    for (RuleSet rs : policy.ruleSets().values()) {
      String name = rs.segments().get(rs.segments().size() - 1);
      if (name.startsWith("test_") && !rs.function()) {
        tests.add(rs);
      }
    }
    tests.sort(
        Comparator.comparing((RuleSet rs) -> loc(rs).file()).thenComparingInt(rs -> loc(rs).row()));
    for (RuleSet rs : tests) {
      long start = System.nanoTime();
      EvalResult r = evaluate(rs.path() + " = __test_value__", options);
      long nanos = System.nanoTime() - start;
      boolean passed =
          !r.isError()
              && !r.rows().isEmpty()
              && r.rows().stream()
                  .noneMatch(
                      row -> BooleanValue.FALSE.equals(row.bindings().get("__test_value__")));
      out.add(new TestResult(rs.path(), loc(rs), passed, r.error(), nanos));
    }
    return out;
  }

  private static Location loc(RuleSet rs) {
    return rs.rules().isEmpty() ? rs.defaultRule().loc() : rs.rules().get(0).loc();
  }

  /** The compiled form, for tools in this library. */
  public CompiledPolicy compiled() {
    return policy;
  }
}
