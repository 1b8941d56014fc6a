package io.meshward.policy.eval;

import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.value.Value;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything one evaluation needs besides the policy and data.
 *
 * @param now the evaluation's fixed current time
 * @param deadlineNanos {@link System#nanoTime()} after which evaluation fails; {@code
 *     Long.MAX_VALUE} for none
 * @param stepLimit how many evaluation steps are allowed; {@code Long.MAX_VALUE} for no limit
 * @param strictBuiltinErrors whether builtin errors abort evaluation
 * @param trace whether to record which rules produced values
 * @param print where {@code print} output goes
 * @param runtime what {@code opa.runtime()} returns
 * @param http network access for {@code http.send}
 * @param settings extra settings for builtins
 */
public record EvalSettings(
    Instant now,
    long deadlineNanos,
    long stepLimit,
    boolean strictBuiltinErrors,
    boolean trace,
    Consumer<String> print,
    Value runtime,
    BuiltinContext.HttpAccess http,
    Map<String, Value> settings) {}
