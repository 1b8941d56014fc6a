package io.meshward.plugin.api;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a check concluded about one device.
 *
 * @param verdict pass, fail or unknown
 * @param facts named facts for the policy to read; each must be declared by the check
 * @param reason why, in words a person can read
 * @param validFor how long the result stays valid before the host asks again
 */
public record PostureResult(
    Verdict verdict, Map<String, FactValue> facts, String reason, Duration validFor) {

  /** How long a result stays valid unless the check says otherwise. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(5);

  public PostureResult {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(validFor, "validFor");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a result needs a reason a person can read");
    }
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor must be positive, got " + validFor);
    }
    TreeMap<String, FactValue> sorted = new TreeMap<>();
    facts.forEach(
        (k, v) ->
            sorted.put(
                Objects.requireNonNull(k, "fact name"),
                Objects.requireNonNull(v, () -> "fact '" + k + "' cannot be null")));
    facts = Collections.unmodifiableMap(sorted);
  }

  public static PostureResult pass(String reason) {
    return new PostureResult(Verdict.PASS, Map.of(), reason, DEFAULT_VALIDITY);
  }

  public static PostureResult fail(String reason) {
    return new PostureResult(Verdict.FAIL, Map.of(), reason, DEFAULT_VALIDITY);
  }

  public static PostureResult unknown(String reason) {
    return new PostureResult(Verdict.UNKNOWN, Map.of(), reason, DEFAULT_VALIDITY);
  }

  /** A copy with one more fact. */
  public PostureResult withFact(String name, FactValue value) {
    TreeMap<String, FactValue> more = new TreeMap<>(facts);
    more.put(name, value);
    return new PostureResult(verdict, more, reason, validFor);
  }

  /** A copy with all of {@code more} added. */
  public PostureResult withFacts(Map<String, FactValue> more) {
    TreeMap<String, FactValue> all = new TreeMap<>(facts);
    all.putAll(more);
    return new PostureResult(verdict, all, reason, validFor);
  }

  /** A copy valid for {@code duration}. */
  public PostureResult validFor(Duration duration) {
    return new PostureResult(verdict, facts, reason, duration);
  }
}
