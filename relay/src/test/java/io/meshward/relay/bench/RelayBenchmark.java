package io.meshward.relay.bench;

import io.grpc.InsecureChannelCredentials;
import io.meshward.relay.Relay;
import io.meshward.relay.RelaySettings;
import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.FakeCoordinator;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * Relay throughput on loopback, in one run: the real relay (authentication + per-packet policy
 * check) against {@link BaselineRelay} (same framing and forwarding, no authentication, no policy),
 * at 1, 16 and 256 concurrent pairs of 1,420-byte packets. Each pair is one sender streaming to one
 * receiver. Modes alternate within each repetition so machine noise hits both alike; the medians
 * are reported. See docs/benchmarks.md for the command.
 *
 * <p>Arguments (all optional): {@code seconds=2 warmup=1 repeats=3 pairs=1,16,256 size=1420}.
 */
public final class RelayBenchmark {

  private static final int IO_THREADS = 2;
  // Frames in flight per pair: ~180 KiB at 1,420 bytes, below the relay's 1 MiB per-destination
  // buffer, so no run is distorted by destination_busy drops.
  private static final int WINDOW = 128;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    double seconds = Double.parseDouble(arg(args, "seconds", "2"));
    double warmup = Double.parseDouble(arg(args, "warmup", "1"));
    int repeats = Integer.parseInt(arg(args, "repeats", "3"));
    int size = Integer.parseInt(arg(args, "size", "1420"));
    int[] pairCounts =
        Arrays.stream(arg(args, "pairs", "1,16,256").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();

    System.out.printf(
        Locale.ROOT,
        "relay benchmark: %d-byte packets, %.1f s measured after %.1f s warm-up, %d repeats,"
            + " %d cores, %s%n",
        size,
        seconds,
        warmup,
        repeats,
        Runtime.getRuntime().availableProcessors(),
        Epoll.isAvailable() ? "epoll" : "nio");
    System.out.println(
        "| pairs | baseline pps | baseline Gbit/s | meshward pps | meshward Gbit/s |"
            + " meshward / baseline | alloc B/pkt baseline | alloc B/pkt meshward |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int pairs : pairCounts) {
      double[] baseline = new double[repeats];
      double[] meshward = new double[repeats];
      double[] baselineAlloc = new double[repeats];
      double[] meshwardAlloc = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        // alternate which mode goes first, so drift in the machine's load favours neither
        double[] first = r % 2 == 0 ? measureBaseline(pairs, size, warmup, seconds) : null;
        double[] mesh = measureMeshward(pairs, size, warmup, seconds);
        double[] base = first != null ? first : measureBaseline(pairs, size, warmup, seconds);
        baseline[r] = base[0];
        baselineAlloc[r] = base[1];
        meshward[r] = mesh[0];
        meshwardAlloc[r] = mesh[1];
      }
      double b = median(baseline);
      double m = median(meshward);
      System.out.printf(
          Locale.ROOT,
          "| %d | %,.0f | %.2f | %,.0f | %.2f | %.3f | %.0f | %.0f |%n",
          pairs,
          b,
          gbits(b, size),
          m,
          gbits(m, size),
          m / b,
          median(baselineAlloc),
          median(meshwardAlloc));
    }
  }

  private static double[] measureBaseline(int pairs, int size, double warmup, double seconds)
      throws Exception {
    try (var relay = new BaselineRelay(peerIds(pairs), IO_THREADS)) {
      return drive(
          "baseline",
          relay.address(),
          relay::connected,
          relay::busyDrops,
          pairs,
          size,
          warmup,
          seconds);
    }
  }

  private static double[] measureMeshward(int pairs, int size, double warmup, double seconds)
      throws Exception {
    try (var coordinator = FakeCoordinator.start()) {
      var snapshot = FakeCoordinator.snapshot(1);
      for (int i = 0; i < pairs; i++) {
        snapshot.pair(sender(i), receiver(i));
        snapshot.credential(sender(i), "secret-" + sender(i));
        snapshot.credential(receiver(i), "secret-" + receiver(i));
      }
      coordinator.publish(snapshot.build());
      var settings =
          new RelaySettings(
              new InetSocketAddress("127.0.0.1", 0),
              coordinator.target(),
              InsecureChannelCredentials.create(),
              FakeCoordinator.RELAY_ID,
              FakeCoordinator.RELAY_TOKEN,
              Duration.ofMinutes(5),
              Duration.ofSeconds(30),
              Duration.ofMinutes(5),
              Integer.MAX_VALUE,
              1_000_000,
              null,
              IO_THREADS);
      try (var relay = Relay.start(settings)) {
        while (relay.snapshotSerial() != 1) {
          Thread.sleep(5);
        }
        return drive(
            "meshward",
            relay.address(),
            relay::connectedAgents,
            () -> relay.metrics().droppedCount(DropReason.DESTINATION_BUSY),
            pairs,
            size,
            warmup,
            seconds);
      }
    }
  }

  /**
   * Connects the pairs, streams for warm-up + measurement; returns packets/s delivered and the
   * bytes allocated per delivered packet by the whole JVM (relay and load generator together).
   */
  private static double[] drive(
      String mode,
      InetSocketAddress relay,
      IntSupplier connected,
      DoubleSupplier busyDrops,
      int pairs,
      int size,
      double warmup,
      double seconds)
      throws Exception {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            IO_THREADS,
            Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    LongAdder received = new LongAdder();
    List<Sender> senders = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    try {
      Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
              .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
              .option(ChannelOption.TCP_NODELAY, true);
      for (int i = 0; i < pairs; i++) {
        Sender sender = new Sender(frame(receiver(i), size));
        Channel receiver =
            bootstrap
                .handler(init(receiver(i), new Counting(received, sender)))
                .connect(relay)
                .sync()
                .channel();
        Channel senderChannel =
            bootstrap.handler(init(sender(i), sender)).connect(relay).sync().channel();
        senders.add(sender);
        channels.add(receiver);
        channels.add(senderChannel);
      }
      while (connected.getAsInt() < 2 * pairs) {
        Thread.sleep(5);
      }
      senders.forEach(Sender::start);
      Thread.sleep((long) (warmup * 1000));
      long before = received.sum();
      long allocatedBefore = THREADS.getTotalThreadAllocatedBytes();
      double busyBefore = busyDrops.getAsDouble();
      long start = System.nanoTime();
      Thread.sleep((long) (seconds * 1000));
      long bytes = received.sum() - before;
      long allocated = THREADS.getTotalThreadAllocatedBytes() - allocatedBefore;
      double elapsed = (System.nanoTime() - start) / 1e9;
      senders.forEach(Sender::stop);
      int frameBytes = 2 + 1 + 1 + sender(0).length() + size;
      double packets = bytes / (double) frameBytes;
      double busy = busyDrops.getAsDouble() - busyBefore;
      System.err.printf(
          Locale.ROOT,
          "run %s pairs=%d: %,.0f pps delivered, %.1f%% dropped as destination_busy%n",
          mode,
          pairs,
          packets / elapsed,
          100 * busy / (busy + packets));
      return new double[] {packets / elapsed, allocated / packets};
    } finally {
      for (Channel ch : channels) {
        ch.close();
      }
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static ChannelInitializer<SocketChannel> init(
      String peer, ChannelInboundHandlerAdapter handler) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new Handshake(peer), handler);
      }
    };
  }

  // Sender and receiver ids have the same length, as real peer ids do.
  private static String sender(int i) {
    return String.format(Locale.ROOT, "s%05d", i);
  }

  private static String receiver(int i) {
    return String.format(Locale.ROOT, "r%05d", i);
  }

  private static List<String> peerIds(int pairs) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      ids.add(sender(i));
      ids.add(receiver(i));
    }
    return ids;
  }

  private static byte[] frame(String destination, int size) {
    byte[] id = destination.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[2 + 1 + 1 + id.length + size];
    int length = 1 + 1 + id.length + size;
    frame[0] = (byte) (length >>> 8);
    frame[1] = (byte) length;
    frame[2] = 3;
    frame[3] = (byte) id.length;
    System.arraycopy(id, 0, frame, 4, id.length);
    for (int i = 4 + id.length; i < frame.length; i++) {
      frame[i] = (byte) i;
    }
    return frame;
  }

  /**
   * Answers the relay's CHALLENGE with the HELLO of {@code peer} (credential {@code
   * secret-<peer>}), then steps aside, passing on whatever followed the CHALLENGE.
   */
  private static final class Handshake extends ByteToMessageDecoder {
    private final String peer;

    Handshake(String peer) {
      this.peer = peer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (in.readableBytes() < 2
          || in.readableBytes() < 2 + in.getUnsignedShort(in.readerIndex())) {
        return;
      }
      byte[] frame = new byte[2 + in.getUnsignedShort(in.readerIndex())];
      in.readBytes(frame);
      // CHALLENGE: length:u16 type:u8 version:u8 nonce[32] idLen:u8 relayId
      byte[] nonce = Arrays.copyOfRange(frame, 4, 36);
      String relayId = new String(frame, 37, frame[36] & 0xff, StandardCharsets.UTF_8);
      byte[] proof = AgentClient.proof("secret-" + peer, relayId, nonce, peer);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(AgentClient.helloFrame(peer, proof)));
      ctx.pipeline().remove(this);
    }
  }

  /** Counts bytes arriving at a receiver and returns window credit to its pair's sender. */
  private static final class Counting extends ChannelInboundHandlerAdapter {
    private final LongAdder received;
    private final Sender sender;

    Counting(LongAdder received, Sender sender) {
      this.received = received;
      this.sender = sender;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      received.add(buf.readableBytes());
      sender.delivered(buf.readableBytes());
      buf.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // connections are torn down between runs; nothing to report
    }
  }

  /**
   * Streams one frame over and over, keeping at most {@link #WINDOW} frames in flight to its
   * receiver. The window keeps the relay below its per-destination buffer limit, so the run
   * measures forwarding rather than how much an overloaded relay throws away.
   */
  private static final class Sender extends ChannelInboundHandlerAdapter {
    private final byte[] frameBytes;
    private final AtomicLong deliveredBytes = new AtomicLong();
    private final AtomicBoolean parked = new AtomicBoolean();
    private long sent;
    private ByteBuf frame;
    private Channel channel;
    private volatile boolean running;

    Sender(byte[] frameBytes) {
      this.frameBytes = frameBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      channel = ctx.channel();
      frame = ctx.alloc().directBuffer(frameBytes.length).writeBytes(frameBytes);
      ctx.fireChannelActive();
    }

    void start() {
      running = true;
      channel.eventLoop().execute(this::pump);
    }

    void stop() {
      running = false;
    }

    /** Called by the receiver's thread. */
    void delivered(int bytes) {
      deliveredBytes.addAndGet(bytes);
      if (parked.compareAndSet(true, false)) {
        channel.eventLoop().execute(this::pump);
      }
    }

    private boolean windowOpen() {
      return sent - deliveredBytes.get() / frameBytes.length < WINDOW;
    }

    private void pump() {
      int batch = 0;
      while (running && channel.isWritable() && windowOpen() && batch++ < 64) {
        channel.write(frame.retainedDuplicate(), channel.voidPromise());
        sent++;
      }
      channel.flush();
      if (!running || !channel.isWritable()) {
        return;
      }
      if (windowOpen()) {
        channel.eventLoop().execute(this::pump);
      } else {
        parked.set(true);
        if (windowOpen() && parked.compareAndSet(true, false)) {
          channel.eventLoop().execute(this::pump); // credit arrived while parking
        }
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (running && ctx.channel().isWritable()) {
        pump();
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ((ByteBuf) msg).release(); // HELLO_OK
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // connections are torn down between runs; nothing to report
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      running = false;
      if (frame != null) {
        frame.release();
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double gbits(double packetsPerSecond, int size) {
    return packetsPerSecond * size * 8 / 1e9;
  }

  private static String arg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
