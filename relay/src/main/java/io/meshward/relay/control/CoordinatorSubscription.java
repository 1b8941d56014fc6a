package io.meshward.relay.control;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.RelayControlGrpc;
import io.meshward.protocol.v1.RelaySubscribeRequest;
import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.policy.PolicySnapshot;
import io.meshward.relay.policy.PolicyState;
import io.meshward.relay.policy.SnapshotTranslator;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the relay subscribed to {@code RelayControl.Subscribe}: installs every snapshot the
 * coordinator sends, reconnects with backoff when the stream ends, and — if it stays down longer
 * than {@code maxStale} — drops the last snapshot so the relay fails closed instead of enforcing a
 * policy it can no longer confirm. All state changes run on one thread.
 */
public final class CoordinatorSubscription implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CoordinatorSubscription.class);

  private final ManagedChannel channel;
  private final RelaySubscribeRequest request;
  private final PolicyState policy;
  private final RelayMetrics metrics;
  private final Duration maxStale;
  private final Backoff backoff;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "relay-control");
            t.setDaemon(true);
            return t;
          });
  private ClientCallStreamObserver<RelaySubscribeRequest> call;
  private long lostAtNanos = System.nanoTime(); // never had a stream yet
  private boolean streamUp;
  private boolean closed;
  private ScheduledFuture<?> staleTimer;

  public CoordinatorSubscription(
      ManagedChannel channel,
      String relayId,
      String relayToken,
      PolicyState policy,
      RelayMetrics metrics,
      Duration maxStale,
      Backoff backoff) {
    this.channel = channel;
    this.request =
        RelaySubscribeRequest.newBuilder().setRelayId(relayId).setRelayToken(relayToken).build();
    this.policy = policy;
    this.metrics = metrics;
    this.maxStale = maxStale;
    this.backoff = backoff;
  }

  public void start() {
    worker.execute(this::subscribe);
  }

  private void subscribe() {
    if (closed) {
      return;
    }
    RelayControlGrpc.newStub(channel)
        .subscribe(
            request,
            new ClientResponseObserver<RelaySubscribeRequest, AllowedPairs>() {
              @Override
              public void beforeStart(ClientCallStreamObserver<RelaySubscribeRequest> stream) {
                call = stream;
              }

              @Override
              public void onNext(AllowedPairs snapshot) {
                onWorker(() -> install(snapshot));
              }

              @Override
              public void onError(Throwable t) {
                onWorker(() -> lost(Status.fromThrowable(t)));
              }

              @Override
              public void onCompleted() {
                onWorker(() -> lost(Status.UNAVAILABLE.withDescription("stream completed")));
              }
            });
  }

  private void onWorker(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      // shutting down: the stream's last callbacks no longer matter
    }
  }

  private void install(AllowedPairs message) {
    if (closed) {
      return;
    }
    PolicySnapshot snapshot = SnapshotTranslator.translate(message, policy.current().peers());
    policy.install(snapshot);
    metrics.snapshotSerial(snapshot.serial());
    if (!streamUp) {
      log.info("Subscribed to the coordinator; enforcing snapshot {}", snapshot.serial());
    } else {
      log.debug("Snapshot {}: {} pairs", snapshot.serial(), snapshot.pairs().size());
    }
    streamUp = true;
    metrics.coordinatorConnected(true);
    backoff.reset();
    if (staleTimer != null) {
      staleTimer.cancel(false);
      staleTimer = null;
    }
  }

  private void lost(Status status) {
    if (closed) {
      return;
    }
    Duration delay = backoff.next();
    if (streamUp || staleTimer == null) {
      lostAtNanos = System.nanoTime();
      armStaleTimer();
    }
    streamUp = false;
    metrics.coordinatorConnected(false);
    metrics.coordinatorStreamLost();
    String hint =
        switch (status.getCode()) {
          case UNAUTHENTICATED, PERMISSION_DENIED ->
              " (check --relay-id and the token in --relay-token-file)";
          case UNAVAILABLE -> " (is the coordinator reachable, and is its CA the one given?)";
          default -> "";
        };
    log.warn(
        "RelayControl stream to the coordinator lost: {} {}{}; retrying in {} ms",
        status.getCode(),
        status.getDescription() == null ? "" : status.getDescription(),
        hint,
        delay.toMillis());
    worker.schedule(this::subscribe, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void armStaleTimer() {
    if (staleTimer != null) {
      staleTimer.cancel(false);
    }
    long remaining = maxStale.toNanos() - (System.nanoTime() - lostAtNanos);
    staleTimer = worker.schedule(this::expire, Math.max(0, remaining), TimeUnit.NANOSECONDS);
  }

  private void expire() {
    if (closed || streamUp || policy.current().isEmpty()) {
      return;
    }
    log.warn(
        "No word from the coordinator for {}: dropping the last snapshot; nothing is forwarded"
            + " until it is back",
        maxStale);
    policy.dropAll();
    metrics.snapshotSerial(-1);
  }

  @Override
  public void close() {
    onWorker(
        () -> {
          closed = true;
          if (call != null) {
            call.cancel("relay shutting down", null);
          }
        });
    worker.shutdown();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
