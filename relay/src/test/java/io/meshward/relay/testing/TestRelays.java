package io.meshward.relay.testing;

import io.grpc.InsecureChannelCredentials;
import io.meshward.relay.Relay;
import io.meshward.relay.RelaySettings;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Starts real relays on loopback against a {@link FakeCoordinator}. */
public final class TestRelays {

  private TestRelays() {}

  public static RelaySettings settings(String coordinatorTarget) {
    return new RelaySettings(
        new InetSocketAddress("127.0.0.1", 0),
        coordinatorTarget,
        InsecureChannelCredentials.create(),
        FakeCoordinator.RELAY_ID,
        FakeCoordinator.RELAY_TOKEN,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        100_000,
        20_000,
        new InetSocketAddress("127.0.0.1", 0),
        2);
  }

  public static Relay start(RelaySettings settings) throws Exception {
    return Relay.start(settings);
  }

  public static RelaySettings onPort(RelaySettings s, int port) {
    return new RelaySettings(
        new InetSocketAddress("127.0.0.1", port),
        s.coordinatorTarget(),
        s.coordinatorCredentials(),
        s.relayId(),
        s.relayToken(),
        s.maxStale(),
        s.helloTimeout(),
        s.idleTimeout(),
        s.framesPerSecond(),
        s.frameBurst(),
        s.metricsListen(),
        s.ioThreads());
  }

  public static RelaySettings withLimits(
      RelaySettings s, Duration maxStale, Duration helloTimeout, int framesPerSecond, int burst) {
    return new RelaySettings(
        s.listen(),
        s.coordinatorTarget(),
        s.coordinatorCredentials(),
        s.relayId(),
        s.relayToken(),
        maxStale,
        helloTimeout,
        s.idleTimeout(),
        framesPerSecond,
        burst,
        s.metricsListen(),
        s.ioThreads());
  }
}
