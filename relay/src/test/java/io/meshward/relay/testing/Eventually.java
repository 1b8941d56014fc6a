package io.meshward.relay.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition that the system reaches asynchronously; the bound is a safety net only. */
public final class Eventually {

  private Eventually() {}

  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(10);
    }
  }
}
