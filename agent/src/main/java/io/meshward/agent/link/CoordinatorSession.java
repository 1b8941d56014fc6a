package io.meshward.agent.link;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.meshward.protocol.v1.AgentGrpc;
import io.meshward.protocol.v1.DeviceFacts;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PostureAck;
import io.meshward.protocol.v1.PostureReport;
import io.meshward.protocol.v1.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The enrolled device's conversation with the coordinator over mutual TLS: holds the Sync stream
 * open, reopening it with backoff when it breaks, and sends posture reports.
 */
public final class CoordinatorSession implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CoordinatorSession.class.getName());

  private final ManagedChannel channel;
  private final AgentGrpc.AgentStub stub;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final Supplier<SyncRequest> syncRequest;
  private final SessionListener listener;
  private final Duration callTimeout;
  private final Path stateDir;
  private volatile boolean closed;
  private volatile ClientCallStreamObserver<SyncRequest> currentSync;

  public CoordinatorSession(
      ManagedChannel channel,
      ScheduledExecutorService scheduler,
      Backoff backoff,
      Supplier<SyncRequest> syncRequest,
      SessionListener listener,
      Duration callTimeout,
      Path stateDir) {
    this.channel = channel;
    this.stub = AgentGrpc.newStub(channel);
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.syncRequest = syncRequest;
    this.listener = listener;
    this.callTimeout = callTimeout;
    this.stateDir = stateDir;
  }

  public void start() {
    openSync();
  }

  private void openSync() {
    if (closed) {
      return;
    }
    stub.sync(syncRequest.get(), new SyncObserver());
  }

  private void streamEnded(Throwable error) {
    if (closed) {
      return;
    }
    if (FailureClassifier.isRevocation(error)) {
      closed = true;
      listener.revoked(FailureClassifier.revoked(error, stateDir));
      return;
    }
    Duration wait = backoff.next();
    String reason = FailureClassifier.describe(Status.fromThrowable(error));
    LOG.info("sync stream ended (" + reason + "); reconnecting in " + wait.toMillis() + " ms");
    listener.disconnected(reason);
    scheduler.schedule(this::openSync, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends the facts; the listener hears the verdicts, or nothing if the call failed. */
  public void reportPosture(Map<String, Object> facts, Runnable onFailure) {
    if (closed) {
      return;
    }
    Instant now = Instant.now();
    PostureReport report =
        PostureReport.newBuilder()
            .setFacts(DeviceFacts.newBuilder().setFacts(FactsStruct.toStruct(facts)))
            .setCollectedAt(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .build();
    stub.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .reportPosture(
            report,
            new StreamObserver<>() {
              @Override
              public void onNext(PostureAck ack) {
                listener.postureReported(facts, ack.getVerdictsList(), now);
              }

              @Override
              public void onError(Throwable error) {
                if (FailureClassifier.isRevocation(error) && !closed) {
                  closed = true;
                  listener.revoked(FailureClassifier.revoked(error, stateDir));
                  return;
                }
                LOG.info(
                    "posture report failed ("
                        + FailureClassifier.describe(Status.fromThrowable(error))
                        + "); will retry");
                onFailure.run();
              }

              @Override
              public void onCompleted() {}
            });
  }

  @Override
  public void close() {
    closed = true;
    ClientCallStreamObserver<SyncRequest> sync = currentSync;
    if (sync != null) {
      sync.cancel("agent stopping", null);
    }
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class SyncObserver implements ClientResponseObserver<SyncRequest, NetworkMap> {

    @Override
    public void beforeStart(ClientCallStreamObserver<SyncRequest> requestStream) {
      currentSync = requestStream;
    }

    @Override
    public void onNext(NetworkMap map) {
      backoff.reset();
      listener.networkMap(map);
    }

    @Override
    public void onError(Throwable error) {
      streamEnded(error);
    }

    @Override
    public void onCompleted() {
      streamEnded(
          Status.UNAVAILABLE
              .withDescription("the coordinator closed the sync stream")
              .asRuntimeException());
    }
  }
}
