package io.meshward.relay.metrics;

import io.meshward.relay.wire.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The relay's meters. Counters are registered once up front, so counting on the forwarding path is
 * an increment and never a lookup or an allocation.
 */
public final class RelayMetrics {

  private final MeterRegistry registry;
  private final Counter packetsForwarded;
  private final Counter bytesForwarded;
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
  private final Map<ErrorCode, Counter> closed = new EnumMap<>(ErrorCode.class);
  private final Counter coordinatorStreamsLost;
  private final AtomicLong snapshotSerial = new AtomicLong(-1);
  private final AtomicLong coordinatorConnected = new AtomicLong();

  public RelayMetrics(MeterRegistry registry) {
    this.registry = registry;
    packetsForwarded =
        Counter.builder("meshward.relay.packets.forwarded")
            .description("WireGuard packets delivered to their destination agent")
            .register(registry);
    bytesForwarded =
        Counter.builder("meshward.relay.forwarded")
            .description("Bytes of WireGuard packets delivered (payload only, no framing)")
            .baseUnit("bytes")
            .register(registry);
    for (DropReason reason : DropReason.values()) {
      dropped.put(
          reason,
          Counter.builder("meshward.relay.packets.dropped")
              .description("Frames not forwarded, by reason")
              .tag("reason", reason.tag())
              .register(registry));
    }
    for (ErrorCode code : ErrorCode.values()) {
      closed.put(
          code,
          Counter.builder("meshward.relay.connections.closed")
              .description("Agent connections the relay closed, by reason")
              .tag("reason", code.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    coordinatorStreamsLost =
        Counter.builder("meshward.relay.coordinator.streams.lost")
            .description("Times the RelayControl stream failed or could not be opened")
            .register(registry);
    Gauge.builder("meshward.relay.snapshot.serial", snapshotSerial, AtomicLong::get)
        .description("Serial of the enforced snapshot; -1 when the relay forwards nothing")
        .register(registry);
    Gauge.builder("meshward.relay.coordinator.connected", coordinatorConnected, AtomicLong::get)
        .description("1 while the RelayControl stream to the coordinator is up")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Reports the number of authenticated agents connected, read on each scrape. */
  public void connectedAgents(IntSupplier count) {
    Gauge.builder("meshward.relay.agents.connected", count::getAsInt)
        .description("Authenticated agents connected")
        .register(registry);
  }

  public void forwarded(int packetBytes) {
    packetsForwarded.increment();
    bytesForwarded.increment(packetBytes);
  }

  public void dropped(DropReason reason) {
    dropped.get(reason).increment();
  }

  public double droppedCount(DropReason reason) {
    return dropped.get(reason).count();
  }

  public double forwardedCount() {
    return packetsForwarded.count();
  }

  public void closed(ErrorCode reason) {
    closed.get(reason).increment();
  }

  public double closedCount(ErrorCode reason) {
    return closed.get(reason).count();
  }

  public void snapshotSerial(long serial) {
    snapshotSerial.set(serial);
  }

  public void coordinatorStreamLost() {
    coordinatorStreamsLost.increment();
  }

  public double coordinatorStreamsLost() {
    return coordinatorStreamsLost.count();
  }

  public void coordinatorConnected(boolean up) {
    coordinatorConnected.set(up ? 1 : 0);
  }
}
