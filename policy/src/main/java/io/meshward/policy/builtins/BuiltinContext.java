package io.meshward.policy.builtins;

import io.meshward.policy.value.Value;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * What the evaluator gives a builtin about the evaluation it runs in. One context per evaluation:
 * values like the current time stay fixed for its whole duration.
 */
public interface BuiltinContext {

  /** The time at which this evaluation started; {@code time.now_ns} returns it every time. */
  Instant now();

  /**
   * A cache that lives as long as this evaluation, so that repeated calls agree (for {@code
   * rand.intn}) or avoid repeated work (for parsed keys and tokens).
   */
  <T> T memoize(Object key, Function<Object, T> compute);

  /**
   * Whether builtin errors abort evaluation (strict) instead of making the expression undefined.
   */
  boolean strictBuiltinErrors();

  /** The host's permission and client for {@code http.send}; refused unless the host enables it. */
  HttpAccess http();

  /** Where {@code print} output goes. */
  void print(String line);

  /** The value {@code opa.runtime()} returns. */
  Value runtime();

  /** Extra settings a host passes to builtins, such as default time zones; may be empty. */
  Map<String, Value> settings();

  /** Throws if this evaluation has run past its deadline; long builtins call it in loops. */
  void checkBudget() throws BuiltinException;

  /** Access to the network for {@code http.send}, which hosts must enable explicitly. */
  interface HttpAccess {

    /** No network access: {@code http.send} refuses with a clear error. */
    HttpAccess DISABLED =
        request -> {
          throw new BuiltinException(
              "http.send is disabled: this host does not allow policies to make network calls"
                  + " (enable it explicitly when building the engine)");
        };

    /**
     * Performs one {@code http.send} request.
     *
     * @param request the request object as the policy wrote it
     * @return the response object
     */
    Value send(Value request) throws BuiltinException;
  }
}
