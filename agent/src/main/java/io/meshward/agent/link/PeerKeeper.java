package io.meshward.agent.link;

import io.meshward.protocol.v1.NetworkMap;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the last peer list while the coordinator is unreachable, for a bounded time only: after
 * {@code keepFor} without contact the peers are dropped (fail closed), since the coordinator may
 * have revoked some of them meanwhile.
 */
public final class PeerKeeper {

  private final Duration keepFor;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Optional<NetworkMap>> apply;
  private NetworkMap current;
  private ScheduledFuture<?> expiry;

  /**
   * @param apply receives each new map, or empty when the peers must be dropped
   */
  public PeerKeeper(
      Duration keepFor, ScheduledExecutorService scheduler, Consumer<Optional<NetworkMap>> apply) {
    this.keepFor = keepFor;
    this.scheduler = scheduler;
    this.apply = apply;
  }

  public synchronized void received(NetworkMap map) {
    cancelExpiry();
    current = map;
    apply.accept(Optional.of(map));
  }

  /** Contact lost: start the clock, unless it already runs. */
  public synchronized void disconnected() {
    if (expiry == null && current != null) {
      expiry = scheduler.schedule(this::expire, keepFor.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void expire() {
    expiry = null;
    if (current != null) {
      current = null;
      apply.accept(Optional.empty());
    }
  }

  private void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }
}
