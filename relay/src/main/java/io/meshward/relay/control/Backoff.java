package io.meshward.relay.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delay with full jitter, so many relays do not reconnect in lockstep. */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private long ceilingMillis;

  public Backoff(Duration initial, Duration max) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.ceilingMillis = initialMillis;
  }

  /** The next delay: uniform in [ceiling/2, ceiling], the ceiling doubling up to the maximum. */
  public synchronized Duration next() {
    long ceiling = ceilingMillis;
    ceilingMillis = Math.min(maxMillis, ceilingMillis * 2);
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  public synchronized void reset() {
    ceilingMillis = initialMillis;
  }
}
