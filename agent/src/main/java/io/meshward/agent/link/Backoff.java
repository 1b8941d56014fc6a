package io.meshward.agent.link;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for reconnecting: attempt n waits a random time between half and
 * all of min(cap, initial * 2^n), so many agents that lost the coordinator together do not come
 * back in lockstep.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration cap;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration initial, Duration cap, RandomGenerator random) {
    if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= cap");
    }
    this.initial = initial;
    this.cap = cap;
    this.random = random;
  }

  /** The wait before the next attempt. */
  public synchronized Duration next() {
    long ceiling = ceilingMillis(attempt);
    if (attempt < 62) {
      attempt++;
    }
    long floor = Math.max(1, ceiling / 2);
    return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
  }

  /** After a success the next failure starts again from the initial delay. */
  public synchronized void reset() {
    attempt = 0;
  }

  long ceilingMillis(int n) {
    long millis = initial.toMillis();
    for (int i = 0; i < n && millis < cap.toMillis(); i++) {
      millis *= 2;
    }
    return Math.min(millis, cap.toMillis());
  }
}
