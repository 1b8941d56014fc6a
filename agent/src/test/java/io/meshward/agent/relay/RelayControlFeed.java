package io.meshward.agent.relay;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.PeerPair;
import io.meshward.protocol.v1.RelayControlGrpc;
import io.meshward.protocol.v1.RelayCredential;
import io.meshward.protocol.v1.RelaySubscribeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's side of {@code RelayControl.Subscribe} on real loopback gRPC: the relay under
 * test subscribes here and gets every snapshot the test publishes (each a full snapshot, the
 * current one at once on subscribing). The agent may not use the coordinator's code.
 */
final class RelayControlFeed implements AutoCloseable {

  static final String RELAY_ID = "relay-under-test";
  static final String RELAY_TOKEN = "relay-token-for-agent-tests";

  private final List<ServerCallStreamObserver<AllowedPairs>> subscribers =
      new CopyOnWriteArrayList<>();
  private final Server server;
  private volatile AllowedPairs current;

  RelayControlFeed() throws IOException {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            // as the coordinator: relays ping every 30 s
            .permitKeepAliveTime(20, TimeUnit.SECONDS)
            .addService(new Service())
            .build()
            .start();
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Pairs as "a:b" and credentials as peer id, secret, peer id, secret... */
  void publish(long serial, List<String> pairs, String... credentials) {
    AllowedPairs.Builder snapshot = AllowedPairs.newBuilder().setSerial(serial);
    for (String pair : pairs) {
      String[] ends = pair.split(":");
      snapshot.addPairs(PeerPair.newBuilder().setA(ends[0]).setB(ends[1]));
    }
    for (int i = 0; i < credentials.length; i += 2) {
      snapshot.addCredentials(
          RelayCredential.newBuilder()
              .setPeerId(credentials[i])
              .setCredentialSha256(sha256Hex(credentials[i + 1])));
    }
    current = snapshot.build();
    for (ServerCallStreamObserver<AllowedPairs> subscriber : subscribers) {
      synchronized (subscriber) {
        if (!subscriber.isCancelled()) {
          subscriber.onNext(current);
        }
      }
    }
  }

  private static String sha256Hex(String credential) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(credential.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends RelayControlGrpc.RelayControlImplBase {
    @Override
    public void subscribe(RelaySubscribeRequest request, StreamObserver<AllowedPairs> observer) {
      if (!RELAY_ID.equals(request.getRelayId()) || !RELAY_TOKEN.equals(request.getRelayToken())) {
        observer.onError(Status.UNAUTHENTICATED.withDescription("unknown relay").asException());
        return;
      }
      var stream = (ServerCallStreamObserver<AllowedPairs>) observer;
      stream.setOnCancelHandler(() -> subscribers.remove(stream));
      synchronized (stream) {
        subscribers.add(stream);
        if (current != null) {
          stream.onNext(current);
        }
      }
    }
  }
}
