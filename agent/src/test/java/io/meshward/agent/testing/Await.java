package io.meshward.agent.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls until a condition holds; the deadline only bounds a hung test, it asserts no timing. */
public final class Await {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private Await() {}

  public static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Boolean ok;
      try {
        ok = condition.get();
      } catch (RuntimeException e) {
        ok = false;
      }
      if (Boolean.TRUE.equals(ok)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting for: " + what);
      }
      Thread.sleep(100);
    }
  }
}
