package io.meshward.coordinator.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.meshward.protocol.v1.AgentGrpc;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.SyncRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Sync sessions over a real loopback gRPC connection respect flow control: while an agent does not
 * read, maps are not queued for it; it gets the newest one when it reads again.
 */
class SyncSessionsFlowControlTest {

  static final int MAPS = 40;

  /** Large enough that a few fill HTTP/2's flow-control window (1 MiB by default). */
  static final int MAP_BYTES = 512 * 1024;

  /** The sessions' certificate-expiry sweep is not exercised here; no query is ever run. */
  final SyncSessions sessions =
      new SyncSessions(
          Clock.systemUTC(),
          JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:sync-sessions-unused")));

  final CompletableFuture<SyncSessions.Session> opened = new CompletableFuture<>();
  Server server;
  ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static EncodedNetworkMap map(long serial) {
    return EncodedNetworkMap.of(
        NetworkMap.newBuilder()
            .setSerial(serial)
            .setSelf(PeerConfig.newBuilder().setPeerId("p").setName("x".repeat(MAP_BYTES)))
            .build());
  }

  @Test
  void aStreamThatDoesNotReadGetsOnlyTheNewestMapOnceItReadsAgain() throws Exception {
    MethodDescriptor<SyncRequest, NetworkMap> generated = AgentGrpc.getSyncMethod();
    MethodDescriptor<SyncRequest, EncodedNetworkMap> sync =
        generated.toBuilder(generated.getRequestMarshaller(), EncodedNetworkMap.MARSHALLER).build();
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                ServerServiceDefinition.builder(AgentGrpc.SERVICE_NAME)
                    .addMethod(
                        sync,
                        ServerCalls.asyncServerStreamingCall(
                            (request, response) ->
                                opened.complete(
                                    sessions.open(
                                        "account",
                                        "peer",
                                        Instant.MAX,
                                        (ServerCallStreamObserver<EncodedNetworkMap>) response))))
                    .build())
            .build()
            .start();
    channel =
        Grpc.newChannelBuilder("localhost:" + server.getPort(), InsecureChannelCredentials.create())
            .maxInboundMessageSize(4 * MAP_BYTES)
            .build();

    List<Long> received = new CopyOnWriteArrayList<>();
    CompletableFuture<Status> ended = new CompletableFuture<>();
    ClientCall<SyncRequest, NetworkMap> call = channel.newCall(generated, CallOptions.DEFAULT);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(NetworkMap message) {
            received.add(message.getSerial());
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            ended.complete(status);
          }
        },
        new Metadata());
    call.sendMessage(SyncRequest.getDefaultInstance());
    call.halfClose(); // no call.request(n) yet: the agent reads nothing

    SyncSessions.Session session = opened.get(10, TimeUnit.SECONDS);
    for (long serial = 1; serial <= MAPS; serial++) {
      session.send(map(serial));
    }
    call.request(Integer.MAX_VALUE);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((received.isEmpty() || received.getLast() != MAPS) && System.nanoTime() < deadline) {
      assertThat(ended).isNotDone();
      Thread.sleep(10);
    }
    assertThat(received).isNotEmpty().endsWith((long) MAPS).isSorted().doesNotHaveDuplicates();
    // 40 maps of 512 KiB could not all have been queued behind a 1 MiB window
    assertThat(received.size()).isLessThan(MAPS / 2);

    // a reading stream gets every later map
    session.send(map(MAPS + 1));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (received.getLast() != MAPS + 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(received.getLast()).isEqualTo(MAPS + 1);
    call.cancel("done", null);
  }
}
