package io.meshward.plugin.host;

import io.meshward.plugin.api.PostureResult;
import io.meshward.plugin.api.Verdict;
import java.time.Instant;

/**
 * One plugin's result for one device, as the host recorded it.
 *
 * @param pluginId the plugin that judged
 * @param result its result, or the host's UNKNOWN if the plugin misbehaved
 * @param evaluatedAt when the evaluation started
 * @param expiresAt when the result stops being trusted
 * @param outcome whether the plugin answered properly, or how it misbehaved
 */
public record Evaluation(
    String pluginId,
    PostureResult result,
    Instant evaluatedAt,
    Instant expiresAt,
    Outcome outcome) {

  /** How an evaluation went, from the host's point of view. */
  public enum Outcome {
    /** The plugin returned a well-formed result in time (whatever its verdict). */
    ANSWERED,
    /** It did not answer before its deadline. */
    TIMED_OUT,
    /** It threw an exception. */
    THREW,
    /** Its thread died of an Error (stack overflow, out of memory, linkage). */
    CRASHED,
    /** It returned null. */
    NO_RESULT,
    /** Its facts contradict its declarations. */
    MALFORMED,
    /** Too many of its earlier evaluations are still running; this one was not started. */
    BUSY
  }

  public Verdict verdict() {
    return result.verdict();
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
