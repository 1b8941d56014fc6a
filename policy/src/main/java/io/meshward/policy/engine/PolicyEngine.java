package io.meshward.policy.engine;

import io.meshward.policy.value.Value;
import java.time.Duration;

/**
 * Decides by evaluating the policy document at a data path for an input. Every connection decision
 * in Meshward goes through this interface, whichever engine answers it.
 *
 * <p>Implementations are thread-safe and never throw for evaluation problems: an engine error, an
 * exhausted budget, an unreachable or misbehaving server all come back as {@link
 * PolicyResult.Failed}, so callers can fail closed with a reason a person can read.
 */
public interface PolicyEngine extends AutoCloseable {

  /** A short name for logs and explanations, e.g. {@code rego} or {@code opa http://...}. */
  String name();

  /**
   * Evaluates the document at {@code path}.
   *
   * @param path the document to evaluate, e.g. {@code meshward/access}; the empty path is the whole
   *     data document
   * @param input the input document, or null for none
   * @param budget how long the evaluation may take; zero or negative fails at once with {@link
   *     FailureKind#TIMEOUT}
   * @return the document, undefined, or a failure; never null
   */
  PolicyResult evaluate(DataPath path, Value input, Duration budget);

  /** Releases the engine's resources; later evaluations fail. Never throws. */
  @Override
  void close();
}
