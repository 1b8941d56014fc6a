package io.meshward.agent.link;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Decides when facts go to the coordinator: when they changed since the last report, when the last
 * report failed, or when the report interval has passed.
 */
public final class PostureSchedule {

  private final Duration interval;
  private Map<String, Object> lastSent;
  private Instant lastSentAt;
  private boolean lastFailed;

  public PostureSchedule(Duration interval) {
    this.interval = interval;
  }

  /** True when these facts should be reported now; if so they count as sent. */
  public synchronized boolean shouldReport(Map<String, Object> facts, Instant now) {
    boolean due =
        lastSent == null
            || lastFailed
            || !lastSent.equals(facts)
            || !now.isBefore(lastSentAt.plus(interval));
    if (due) {
      lastSent = facts;
      lastSentAt = now;
      lastFailed = false;
    }
    return due;
  }

  /** The last report did not arrive: send again at the next check. */
  public synchronized void failed() {
    lastFailed = true;
  }

  /** A fresh connection: report at the next check whatever the facts. */
  public synchronized void reconnected() {
    lastFailed = true;
  }
}
