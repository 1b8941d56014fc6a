package io.meshward.agent.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A running relay (the real jar) fed by a {@code RelayControl} feed that allows one pair, for tests
 * outside this package. Skips the test, saying how to build the jar, when it is absent.
 */
public final class RelayTestbed implements AutoCloseable {

  /** The protocol's timings with a short reconnection backoff, so tests do not wait long. */
  public static final RelayClient.Timing FAST_RETRY =
      new RelayClient.Timing(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(25),
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofMinutes(1));

  private final RelayControlFeed feed;
  private final RelayJar relay;

  private RelayTestbed(RelayControlFeed feed, RelayJar relay) {
    this.feed = feed;
    this.relay = relay;
  }

  /** A relay that allows the pair {a, b}, each with its credential. */
  public static RelayTestbed start(Path dir, String a, String aSecret, String b, String bSecret)
      throws Exception {
    RelayJar.locate();
    RelayControlFeed feed = new RelayControlFeed();
    try {
      feed.publish(1, List.of(a + ":" + b), a, aSecret, b, bSecret);
      return new RelayTestbed(feed, RelayJar.start(dir, feed.target()));
    } catch (Exception | Error e) {
      feed.close();
      throw e;
    }
  }

  public String relayAddress() {
    return relay.address();
  }

  /** What the relay printed so far, for diagnostics. */
  public String log() {
    return relay.log();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      relay.close();
    } finally {
      feed.close();
    }
  }
}
