package io.meshward.policy.engine.local;

import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyEngine;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.engine.RuleRef;
import io.meshward.policy.eval.TraceEvent;
import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.EvalResult;
import io.meshward.policy.rego.PreparedPolicy;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates in this JVM over a {@link PreparedPolicy} compiled once. Each evaluation gets its own
 * evaluator, so any number of decisions may run concurrently.
 */
public final class RegoPolicyEngine implements PolicyEngine {

  // A named query variable, so a document whose value is false still comes back as a row.
  private static final String RESULT_VAR = "meshward_document";

  /**
   * Tuning of the in-process engine.
   *
   * @param explain whether to record which rules produced each document (costs a little per rule)
   * @param stepLimit evaluation steps allowed per decision, on top of the time budget
   */
  public record Options(boolean explain, long stepLimit) {
    public static final Options DEFAULTS = new Options(true, EvalOptions.DEFAULT_STEP_LIMIT);

    public Options {
      if (stepLimit <= 0) {
        throw new IllegalArgumentException("stepLimit must be positive, got " + stepLimit);
      }
    }
  }

  private final String name;
  private final PreparedPolicy policy;
  private final Options options;
  private volatile boolean closed;

  public RegoPolicyEngine(String name, PreparedPolicy policy, Options options) {
    this.name = Objects.requireNonNull(name, "name");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Parses and compiles modules (file name to source) with base data.
   *
   * @throws RegoException listing every parse or compile error with file:row:col
   */
  public static RegoPolicyEngine compile(Map<String, String> modules, Value data, Options options) {
    Rego.Builder builder = Rego.builder().data(data);
    modules.forEach(builder::module);
    return new RegoPolicyEngine("rego", builder.build(), options);
  }

  @Override
  public String name() {
    return name;
  }

  /** The compiled policy, e.g. to list its rules. */
  public PreparedPolicy policy() {
    return policy;
  }

  @Override
  public PolicyResult evaluate(DataPath path, Value input, Duration budget) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(budget, "budget");
    String ref = path.toRegoRef();
    if (closed) {
      return PolicyResult.failed(
          FailureKind.UNREACHABLE,
          "policy engine '" + name + "' is closed; " + ref + " not evaluated");
    }
    if (budget.isZero() || budget.isNegative()) {
      return PolicyResult.failed(
          FailureKind.TIMEOUT,
          "no time left to evaluate " + ref + " (budget " + budget.toMillis() + "ms)");
    }
    EvalOptions eval =
        EvalOptions.builder()
            .input(input)
            .timeout(budget)
            .stepLimit(options.stepLimit())
            .trace(options.explain())
            .build();
    long started = System.nanoTime();
    EvalResult result;
    try {
      result = policy.evaluate(RESULT_VAR + " = " + ref, eval);
    } catch (RuntimeException | StackOverflowError e) {
      // The evaluator reports Rego errors as values; anything thrown is a defect, still a denial.
      return PolicyResult.failed(
          FailureKind.ENGINE_ERROR,
          "internal engine error while evaluating " + ref + ": " + describe(e));
    }
    if (!result.isError() && System.nanoTime() - started > budget.toNanos()) {
      // A builtin that hits the deadline fails like any builtin error: its expression becomes
      // undefined (non-strict mode), which could drop a deny reason. Past the budget, no answer
      // is trusted.
      return PolicyResult.failed(
          FailureKind.TIMEOUT,
          "evaluation of "
              + ref
              + " ran past its budget of "
              + budget.toMillis()
              + "ms; its result was discarded");
    }
    if (result.isError()) {
      return failure(ref, budget, result.error());
    }
    if (result.rows().isEmpty()) {
      return PolicyResult.UNDEFINED;
    }
    if (result.rows().size() > 1) {
      return PolicyResult.failed(
          FailureKind.ENGINE_ERROR, ref + " has " + result.rows().size() + " values, expected one");
    }
    Value document = result.rows().get(0).bindings().get(RESULT_VAR);
    if (document == null) {
      return PolicyResult.UNDEFINED;
    }
    return PolicyResult.defined(document, rules(result.trace()));
  }

  private PolicyResult failure(String ref, Duration budget, RegoError error) {
    if ("eval_budget_error".equals(error.code())) {
      return PolicyResult.failed(
          FailureKind.TIMEOUT,
          "evaluation of "
              + ref
              + " ran out of its budget ("
              + budget.toMillis()
              + "ms, "
              + options.stepLimit()
              + " steps): "
              + error);
    }
    return PolicyResult.failed(
        FailureKind.ENGINE_ERROR, "evaluation of " + ref + " failed: " + error);
  }

  private static List<RuleRef> rules(List<TraceEvent> trace) {
    List<RuleRef> out = new ArrayList<>(trace.size());
    for (TraceEvent t : trace) {
      out.add(new RuleRef(t.rule(), t.location().toString(), t.id(), t.title()));
    }
    return out;
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "RegoPolicyEngine[" + name + "]";
  }
}
