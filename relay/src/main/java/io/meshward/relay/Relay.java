package io.meshward.relay;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.meshward.relay.control.Backoff;
import io.meshward.relay.control.CoordinatorSubscription;
import io.meshward.relay.metrics.MetricsEndpoint;
import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.policy.PolicyState;
import io.meshward.relay.session.Challenges;
import io.meshward.relay.session.ConnectionGuard;
import io.meshward.relay.session.Disconnect;
import io.meshward.relay.session.FloodGuard;
import io.meshward.relay.session.HelloHandler;
import io.meshward.relay.session.Revocation;
import io.meshward.relay.session.SessionTable;
import io.meshward.relay.wire.ErrorCode;
import io.meshward.relay.wire.FrameDecoder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay: the agent-facing Netty server, the subscription to the coordinator and the
 * metrics endpoint. Pipeline per agent connection: frames → flood guard → idle timer → CHALLENGE
 * and HELLO (replaced after authentication by policy check → forwarding) → connection guard.
 */
public final class Relay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Relay.class);

  private final PolicyState policy = new PolicyState();
  private final SessionTable sessions = new SessionTable();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RelayMetrics metrics = new RelayMetrics(registry);
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ManagedChannel coordinator;
  private final CoordinatorSubscription subscription;
  private final Challenges challenges;
  private Channel server;
  private MetricsEndpoint metricsEndpoint;

  /** The largest allowed-pairs snapshot the relay accepts from the coordinator. */
  static final int MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

  private Relay(RelaySettings settings, Challenges challenges) {
    this.challenges = challenges;
    Transport transport = Transport.best();
    bossGroup = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
    workerGroup = new MultiThreadIoEventLoopGroup(settings.ioThreads(), transport.ioHandlers());
    metrics.connectedAgents(sessions::size);
    policy.onInstall(new Revocation(sessions, metrics));
    coordinator =
        Grpc.newChannelBuilder(settings.coordinatorTarget(), settings.coordinatorCredentials())
            // The coordinator permits a ping every 20 s (meshward.grpc.permit-keep-alive-time);
            // gRPC's own default would be 5 minutes (GOAWAY too_many_pings). Pinging every 30 s,
            // a silently dead coordinator is noticed within ~50 s, and --max-stale-seconds counts
            // from then.
            .keepAliveTime(30, TimeUnit.SECONDS)
            .keepAliveTimeout(20, TimeUnit.SECONDS)
            // A snapshot carries every allowed pair and credential of the account: at 10,000 peers
            // that is tens of megabytes, far above gRPC's default 4 MiB limit.
            .maxInboundMessageSize(MAX_SNAPSHOT_BYTES)
            .build();
    subscription =
        new CoordinatorSubscription(
            coordinator,
            settings.relayId(),
            settings.relayToken(),
            policy,
            metrics,
            settings.maxStale(),
            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)));
  }

  /** Binds the agent port (and metrics), then subscribes to the coordinator. */
  public static Relay start(RelaySettings settings) throws IOException, InterruptedException {
    return start(settings, Challenges.secure(settings.relayId()));
  }

  /** As {@link #start(RelaySettings)}, with the given nonce source (tests replay fixed bytes). */
  static Relay start(RelaySettings settings, Challenges challenges)
      throws IOException, InterruptedException {
    Relay relay = new Relay(settings, challenges);
    try {
      relay.bind(settings);
    } catch (IOException | InterruptedException | RuntimeException e) {
      relay.close();
      throw e;
    }
    relay.subscription.start();
    log.info("Relay {} listening on {}", settings.relayId(), relay.address());
    return relay;
  }

  private void bind(RelaySettings settings) throws IOException, InterruptedException {
    Transport transport = Transport.best();
    int idleSeconds = (int) Math.max(1, settings.idleTimeout().toSeconds());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast("frames", new FrameDecoder())
                        .addLast(
                            "flood",
                            new FloodGuard(
                                settings.framesPerSecond(), settings.frameBurst(), metrics))
                        .addLast("idle", new IdleStateHandler(idleSeconds, 0, 0))
                        .addLast(
                            "hello",
                            new HelloHandler(
                                policy, sessions, metrics, settings.helloTimeout(), challenges))
                        .addLast("guard", new ConnectionGuard(metrics));
                  }
                });
    try {
      server = bootstrap.bind(settings.listen()).sync().channel();
    } catch (Exception e) {
      if (e instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IOException("cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
    }
    if (settings.metricsListen() != null) {
      metricsEndpoint = MetricsEndpoint.start(settings.metricsListen(), registry);
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  public InetSocketAddress metricsAddress() {
    return metricsEndpoint == null ? null : metricsEndpoint.address();
  }

  public RelayMetrics metrics() {
    return metrics;
  }

  /** Serial of the snapshot enforced now; -1 when the relay forwards nothing. */
  public long snapshotSerial() {
    return policy.current().serial();
  }

  public int connectedAgents() {
    return sessions.size();
  }

  @Override
  public void close() {
    subscription.close();
    coordinator.shutdownNow();
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    sessions.forEach(s -> Disconnect.close(s.channel(), ErrorCode.SHUTTING_DOWN, metrics));
    // Let the SHUTTING_DOWN frames go out before the event loops stop.
    sessions.forEach(s -> s.channel().closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS));
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
    }
    workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    registry.close();
  }
}
