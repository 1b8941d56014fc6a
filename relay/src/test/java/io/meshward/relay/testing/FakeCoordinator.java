package io.meshward.relay.testing;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's side of {@code RelayControl}, served over real gRPC on loopback, faithful to
 * the contract: a relay with the right id and token gets the current snapshot at once, then every
 * later one, each a full snapshot. (The real coordinator is another module the relay may not use.)
 */
public final class FakeCoordinator implements AutoCloseable {

  public static final String RELAY_ID = "relay-1";
  public static final String RELAY_TOKEN = "relay-token-for-tests";

  private final List<ServerCallStreamObserver<AllowedPairs>> subscribers =
      new CopyOnWriteArrayList<>();
  private volatile AllowedPairs current;
  private final Server server;

  private FakeCoordinator(int port, ServerCredentials credentials) throws IOException {
    server =
        Grpc.newServerBuilderForPort(port, credentials)
            // as the coordinator: relays ping every 30 s
            .permitKeepAliveTime(20, TimeUnit.SECONDS)
            .addService(new Service())
            .build()
            .start();
  }

  public static FakeCoordinator start() throws IOException {
    return new FakeCoordinator(0, InsecureServerCredentials.create());
  }

  public static FakeCoordinator start(int port, ServerCredentials credentials) throws IOException {
    return new FakeCoordinator(port, credentials);
  }

  public int port() {
    return server.getPort();
  }

  public String target() {
    return "127.0.0.1:" + port();
  }

  public int subscribers() {
    return (int) subscribers.stream().filter(s -> !s.isCancelled()).count();
  }

  /** Sends {@code snapshot} to every subscribed relay and to those that subscribe later. */
  public void publish(AllowedPairs snapshot) {
    current = snapshot;
    for (ServerCallStreamObserver<AllowedPairs> subscriber : subscribers) {
      synchronized (subscriber) {
        if (!subscriber.isCancelled()) {
          subscriber.onNext(snapshot);
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** A snapshot builder: pairs and the credential (in clear; it is hashed here) of each peer. */
  public static Snapshot snapshot(long serial) {
    return new Snapshot(serial);
  }

  public static String sha256Hex(String credential) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(credential.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds an {@link AllowedPairs}. */
  public static final class Snapshot {
    private final AllowedPairs.Builder builder;
    private final List<String[]> pairs = new ArrayList<>();

    private Snapshot(long serial) {
      builder = AllowedPairs.newBuilder().setSerial(serial);
    }

    public Snapshot pair(String a, String b) {
      builder.addPairs(PeerPair.newBuilder().setA(a).setB(b));
      pairs.add(new String[] {a, b});
      return this;
    }

    public Snapshot credential(String peerId, String credential) {
      builder.addCredentials(
          RelayCredential.newBuilder()
              .setPeerId(peerId)
              .setCredentialSha256(sha256Hex(credential)));
      return this;
    }

    public Snapshot credentials(Map<String, String> byPeer) {
      byPeer.forEach(this::credential);
      return this;
    }

    public AllowedPairs build() {
      return builder.build();
    }
  }

  private final class Service extends RelayControlGrpc.RelayControlImplBase {
    @Override
    public void subscribe(
        RelaySubscribeRequest request, StreamObserver<AllowedPairs> responseObserver) {
      if (!RELAY_ID.equals(request.getRelayId()) || !RELAY_TOKEN.equals(request.getRelayToken())) {
        responseObserver.onError(
            Status.UNAUTHENTICATED.withDescription("unknown relay or token").asRuntimeException());
        return;
      }
      var stream = (ServerCallStreamObserver<AllowedPairs>) responseObserver;
      stream.setOnCancelHandler(() -> subscribers.remove(stream));
      synchronized (stream) {
        subscribers.add(stream);
        AllowedPairs snapshot = current;
        if (snapshot != null) {
          stream.onNext(snapshot);
        }
      }
    }
  }
}
