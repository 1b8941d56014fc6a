package io.meshward.policy.rego;

import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Options of one evaluation.
 *
 * @param input the input document, or null for none
 * @param timeout how long the evaluation may run; null for the default of 10 seconds
 * @param stepLimit how many evaluation steps are allowed
 * @param trace whether to record which rules fired
 * @param strictBuiltinErrors whether builtin errors abort evaluation; null uses the policy default
 * @param now the time {@code time.now_ns()} reports; null for the current time
 * @param print where {@code print} output goes; null discards it
 * @param http network access for {@code http.send}
 * @param runtime what {@code opa.runtime()} returns
 * @param settings extra settings for builtins
 */
public record EvalOptions(
    Value input,
    Duration timeout,
    long stepLimit,
    boolean trace,
    Boolean strictBuiltinErrors,
    Instant now,
    Consumer<String> print,
    BuiltinContext.HttpAccess http,
    Value runtime,
    Map<String, Value> settings) {

  /** Ten seconds: long enough for any sane policy, short enough to fail closed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Fifty million steps, several seconds of work. */
  public static final long DEFAULT_STEP_LIMIT = 50_000_000L;

  public static EvalOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds options; unset fields take the defaults. */
  public static final class Builder {
    private Value input;
    private Duration timeout = DEFAULT_TIMEOUT;
    private long stepLimit = DEFAULT_STEP_LIMIT;
    private boolean trace;
    private Boolean strict;
    private Instant now;
    private Consumer<String> print;
    private BuiltinContext.HttpAccess http = BuiltinContext.HttpAccess.DISABLED;
    private Value runtime = ObjectValue.EMPTY;
    private Map<String, Value> settings = Map.of();

    public Builder input(Value input) {
      this.input = input;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder stepLimit(long stepLimit) {
      this.stepLimit = stepLimit;
      return this;
    }

    public Builder trace(boolean trace) {
      this.trace = trace;
      return this;
    }

    public Builder strictBuiltinErrors(Boolean strict) {
      this.strict = strict;
      return this;
    }

    public Builder now(Instant now) {
      this.now = now;
      return this;
    }

    public Builder print(Consumer<String> print) {
      this.print = print;
      return this;
    }

    public Builder http(BuiltinContext.HttpAccess http) {
      this.http = http;
      return this;
    }

    public Builder runtime(Value runtime) {
      this.runtime = runtime;
      return this;
    }

    public Builder settings(Map<String, Value> settings) {
      this.settings = Map.copyOf(settings);
      return this;
    }

    public EvalOptions build() {
      return new EvalOptions(
          input, timeout, stepLimit, trace, strict, now, print, http, runtime, settings);
    }
  }
}
