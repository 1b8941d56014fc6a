package io.meshward.coordinator.relays;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.StreamObserver;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.RelayControlGrpc;
import io.meshward.protocol.v1.RelaySubscribeRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A relay's side of {@code RelayControl}, as the relay process would speak it: TLS trusting only
 * the coordinator CA, no client certificate, id and token in the request.
 */
final class RelayClient implements AutoCloseable {

  private static final Object COMPLETED = new Object();

  private final ManagedChannel channel;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

  RelayClient(int grpcPort, Path caPem) throws Exception {
    var credentials =
        TlsChannelCredentials.newBuilder()
            .trustManager(new ByteArrayInputStream(Files.readAllBytes(caPem)))
            .build();
    channel = Grpc.newChannelBuilderForAddress("localhost", grpcPort, credentials).build();
  }

  RelayClient subscribe(String relayId, String token) {
    RelayControlGrpc.newStub(channel)
        .subscribe(
            RelaySubscribeRequest.newBuilder().setRelayId(relayId).setRelayToken(token).build(),
            new StreamObserver<>() {
              @Override
              public void onNext(AllowedPairs value) {
                events.add(value);
              }

              @Override
              public void onError(Throwable t) {
                events.add(t);
              }

              @Override
              public void onCompleted() {
                events.add(COMPLETED);
              }
            });
    return this;
  }

  /** The next snapshot; fails if the stream ended instead or nothing came within the bound. */
  AllowedPairs next() throws InterruptedException {
    Object event = events.poll(20, TimeUnit.SECONDS);
    if (event instanceof AllowedPairs snapshot) {
      return snapshot;
    }
    throw new AssertionError("expected a snapshot but got " + describe(event));
  }

  /** Reads snapshots until one satisfies the condition (earlier ones may still be in flight). */
  AllowedPairs until(Predicate<AllowedPairs> condition, String what) throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      AllowedPairs snapshot = next();
      if (condition.test(snapshot)) {
        return snapshot;
      }
    }
    throw new AssertionError("no snapshot where " + what);
  }

  /** The status the stream ended with, skipping snapshots still queued. */
  Status end() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Object event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("the stream did not end");
      }
      if (event == COMPLETED) {
        return Status.OK;
      }
      if (event instanceof Throwable t) {
        return Status.fromThrowable(t);
      }
    }
  }

  private static String describe(Object event) {
    return event instanceof Throwable t
        ? Status.fromThrowable(t).toString()
        : String.valueOf(event);
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
