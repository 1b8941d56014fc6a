package io.meshward.relay.bench;

import io.meshward.relay.policy.PeerIndex;
import io.meshward.relay.policy.PolicySnapshot;
import io.meshward.relay.policy.PolicyState;
import io.meshward.relay.policy.SnapshotTranslator;
import io.meshward.relay.testing.FakeCoordinator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-packet work the policy check adds, isolated from sockets and scheduling: resolving the
 * destination id inside the frame (which the baseline relay does too) versus that plus reading the
 * current snapshot and looking the pair up. Packets cycle through all pairs in random order, so
 * large snapshots pay their cache misses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyCheckBenchmark {

  @Param({"1", "256", "100000"})
  int pairs;

  private final PolicyState policy = new PolicyState();
  private PeerIndex index;
  private ByteBuf[] frames;
  private int[] sources;
  private int[] order;
  private int next;
  private final byte[] scratch = new byte[128];

  @Setup
  public void setUp() {
    var snapshot = FakeCoordinator.snapshot(1);
    for (int i = 0; i < pairs; i++) {
      snapshot.pair(sender(i), receiver(i));
    }
    PolicySnapshot compiled = SnapshotTranslator.translate(snapshot.build(), PeerIndex.empty());
    policy.install(compiled);
    index = compiled.peers();
    frames = new ByteBuf[pairs];
    sources = new int[pairs];
    for (int i = 0; i < pairs; i++) {
      byte[] id = receiver(i).getBytes(StandardCharsets.UTF_8);
      frames[i] =
          Unpooled.directBuffer()
              .writeShort(2 + id.length + 32)
              .writeByte(3)
              .writeByte(id.length)
              .writeBytes(id)
              .writeZero(32);
      sources[i] = index.indexOf(sender(i));
    }
    Random random = new Random(1);
    order = new int[4096];
    for (int i = 0; i < order.length; i++) {
      order[i] = random.nextInt(pairs);
    }
  }

  @TearDown
  public void tearDown() {
    for (ByteBuf frame : frames) {
      frame.release();
    }
  }

  /** What the baseline relay does per packet to find the destination. */
  @Benchmark
  public int resolveDestinationOnly() {
    int k = order[next++ & 4095];
    ByteBuf frame = frames[k];
    return index.indexOf(frame, 4, frame.getUnsignedByte(3), scratch);
  }

  /** What the Meshward relay does: the same, plus the current snapshot's pair lookup. */
  @Benchmark
  public boolean resolveAndCheckPolicy() {
    int k = order[next++ & 4095];
    ByteBuf frame = frames[k];
    PolicySnapshot snapshot = policy.current();
    int destination = snapshot.peers().indexOf(frame, 4, frame.getUnsignedByte(3), scratch);
    return destination != PeerIndex.ABSENT && snapshot.allows(sources[k], destination);
  }

  private static String sender(int i) {
    return String.format(Locale.ROOT, "s%06d-0000-4000-8000-000000000000", i);
  }

  private static String receiver(int i) {
    return String.format(Locale.ROOT, "r%06d-0000-4000-8000-000000000000", i);
  }
}
