package io.meshward.relay.bench;

import io.meshward.protocol.relay.HelloProof;
import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.policy.PeerIndex;
import io.meshward.relay.session.ConnectionGuard;
import io.meshward.relay.session.FloodGuard;
import io.meshward.relay.session.ForwardingHandler;
import io.meshward.relay.session.Route;
import io.meshward.relay.session.Session;
import io.meshward.relay.session.SessionTable;
import io.meshward.relay.wire.FrameDecoder;
import io.meshward.relay.wire.Frames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The comparison point of the benchmark: the relay's own framing, flood guard, idle timer and
 * forwarding handlers, with no authentication (HELLO names a peer and is believed, its proof is not
 * checked) and no policy check (any connected destination gets the packet). Test code only: never a
 * way to run a relay.
 */
final class BaselineRelay implements AutoCloseable {

  private final SessionTable sessions = new SessionTable();
  private final RelayMetrics metrics = new RelayMetrics(new SimpleMeterRegistry());
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;

  BaselineRelay(Collection<String> peerIds, int ioThreads) throws InterruptedException {
    PeerIndex index = PeerIndex.empty().extendedWith(peerIds);
    boolean epoll = Epoll.isAvailable();
    boss =
        new MultiThreadIoEventLoopGroup(
            1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    workers =
        new MultiThreadIoEventLoopGroup(
            ioThreads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    server =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
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
                        .addLast("flood", new FloodGuard(Integer.MAX_VALUE, 1_000_000, metrics))
                        .addLast("idle", new IdleStateHandler(300, 0, 0))
                        .addLast("hello", new TrustingHello(index))
                        .addLast("guard", new ConnectionGuard(metrics));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  int connected() {
    return sessions.size();
  }

  double busyDrops() {
    return metrics.droppedCount(DropReason.DESTINATION_BUSY);
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Sends a CHALLENGE like the relay, then believes whatever peer id the HELLO names. */
  private final class TrustingHello extends ChannelInboundHandlerAdapter {
    private final PeerIndex index;

    TrustingHello(PeerIndex index) {
      this.index = index;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(
          Frames.challenge(
              ctx.alloc(), new byte[HelloProof.NONCE_BYTES], Frames.relayId("baseline")));
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf frame = (ByteBuf) msg;
      try {
        int p = frame.readerIndex() + Frames.LENGTH_FIELD + 2;
        int idLength = frame.getUnsignedByte(p);
        String id = frame.toString(p + 1, idLength, StandardCharsets.UTF_8);
        Session session =
            new Session(
                index.indexOf(id),
                id,
                id.getBytes(StandardCharsets.UTF_8),
                new byte[32],
                ctx.channel());
        sessions.register(session);
        ctx.channel().closeFuture().addListener(f -> sessions.unregister(session));
        ctx.writeAndFlush(Frames.helloOk(ctx.alloc()));
        ctx.pipeline()
            .addAfter(ctx.name(), "forward", new ForwardingHandler(session, metrics))
            .addAfter(ctx.name(), "route", new DirectRoute(index))
            .remove(this);
      } finally {
        frame.release();
      }
    }
  }

  /** Finds the destination; checks nothing about whether the pair may talk. */
  private final class DirectRoute extends ChannelInboundHandlerAdapter {
    private final PeerIndex index;
    private final Route route = new Route();
    private final byte[] scratch = new byte[Frames.MAX_PEER_ID];

    DirectRoute(PeerIndex index) {
      this.index = index;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf frame = (ByteBuf) msg;
      int at = frame.readerIndex();
      int length = frame.getUnsignedShort(at);
      int idLength = frame.getUnsignedByte(at + Frames.LENGTH_FIELD + 1);
      int idOffset = at + Frames.LENGTH_FIELD + 2;
      Session target = sessions.get(index.indexOf(frame, idOffset, idLength, scratch));
      if (target == null) {
        frame.release();
        metrics.dropped(DropReason.DESTINATION_OFFLINE);
        return;
      }
      ctx.fireChannelRead(route.set(target, frame, idOffset, idLength, length - 2 - idLength));
    }
  }
}
