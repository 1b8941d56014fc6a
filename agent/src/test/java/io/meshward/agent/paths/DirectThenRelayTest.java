package io.meshward.agent.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.agent.paths.PeerPath.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectThenRelayTest {

  private static final String KEY_B = "B".repeat(43) + "=";
  private static final String KEY_C = "C".repeat(43) + "=";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00.250Z"));
  private final Map<String, Instant> handshakes = new HashMap<>();
  private final Map<String, String> relayEndpoints = new HashMap<>();
  private int handshakeReads;
  private final DirectThenRelay selector =
      new DirectThenRelay(
          () -> {
            handshakeReads++;
            return Map.copyOf(handshakes);
          },
          peer -> Optional.ofNullable(relayEndpoints.get(peer)),
          clock,
          Duration.ofSeconds(5));

  private static PathCandidate bob(String endpoint) {
    return new PathCandidate("bob", KEY_B, Optional.ofNullable(endpoint));
  }

  @Test
  void aDirectEndpointIsTriedFirstAndKeptOnceAHandshakeConfirmsIt() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob("192.0.2.10:51820")));
    assertThat(selector.endpoint("bob")).contains("192.0.2.10:51820");
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.TRYING_DIRECT);

    clock.advance(Duration.ofSeconds(2));
    handshakes.put(KEY_B, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(selector.refresh()).isFalse();
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.DIRECT);

    clock.advance(Duration.ofMinutes(10));
    assertThat(selector.refresh()).isFalse();
    assertThat(selector.endpoint("bob")).contains("192.0.2.10:51820");
  }

  @Test
  void noHandshakeWithinTheTimeoutMovesThePeerToTheRelay() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob("192.0.2.10:51820")));

    clock.advance(Duration.ofMillis(4_999));
    assertThat(selector.refresh()).isFalse();
    assertThat(selector.endpoint("bob")).contains("192.0.2.10:51820");

    clock.advance(Duration.ofMillis(1));
    assertThat(selector.refresh()).isTrue();
    assertThat(selector.endpoint("bob")).contains("127.0.0.1:40001");
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.RELAY);
  }

  @Test
  void aHandshakeFromBeforeTheAttemptDoesNotCount() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    handshakes.put(KEY_B, clock.instant().minusSeconds(30));
    selector.update(List.of(bob("192.0.2.10:51820")));
    clock.advance(Duration.ofSeconds(5));
    assertThat(selector.refresh()).isTrue();
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.RELAY);
  }

  @Test
  void withoutARelayItKeepsTryingDirectAndMovesWhenOneAppears() {
    selector.update(List.of(bob("192.0.2.10:51820")));
    clock.advance(Duration.ofSeconds(6));
    assertThat(selector.refresh()).isFalse();
    assertThat(selector.endpoint("bob")).contains("192.0.2.10:51820");
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.TRYING_DIRECT);

    relayEndpoints.put("bob", "127.0.0.1:40001");
    clock.advance(Duration.ofSeconds(4));
    assertThat(selector.refresh()).as("a new attempt window began at 6 s").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(selector.refresh()).isTrue();
    assertThat(selector.endpoint("bob")).contains("127.0.0.1:40001");
  }

  @Test
  void aPeerWithoutDirectEndpointGoesToTheRelayAtOnceOrWhenItComes() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob(null), new PathCandidate("carol", KEY_C, Optional.empty())));
    assertThat(selector.endpoint("bob")).contains("127.0.0.1:40001");
    assertThat(selector.paths().get("carol").route()).isEqualTo(Route.NONE);
    assertThat(selector.endpoint("carol")).isEmpty();

    relayEndpoints.put("carol", "127.0.0.1:40002");
    assertThat(selector.refresh()).isTrue();
    assertThat(selector.endpoint("carol")).contains("127.0.0.1:40002");
    assertThat(handshakeReads).as("nobody was trying direct").isZero();
  }

  @Test
  void packetsArrivingThroughTheRelayAreAnsweredThroughIt() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob("192.0.2.10:51820")));
    assertThat(selector.reachedViaRelay("bob")).isTrue();
    assertThat(selector.endpoint("bob")).contains("127.0.0.1:40001");
    assertThat(selector.reachedViaRelay("bob")).isFalse();
    assertThat(selector.reachedViaRelay("mallory")).isFalse();
  }

  @Test
  void aConfirmedDirectPeerIgnoresRelayedPackets() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob("192.0.2.10:51820")));
    handshakes.put(KEY_B, clock.instant());
    selector.refresh();
    assertThat(selector.reachedViaRelay("bob")).isFalse();
    assertThat(selector.endpoint("bob")).contains("192.0.2.10:51820");
  }

  @Test
  void losingTheRelayReturnsToDirect() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob("192.0.2.10:51820")));
    clock.advance(Duration.ofSeconds(5));
    selector.refresh();
    assertThat(selector.endpoint("bob")).contains("127.0.0.1:40001");

    relayEndpoints.clear();
    assertThat(selector.refresh()).isTrue();
    assertThat(selector.endpoint("bob")).contains("192.0.2.10:51820");
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.TRYING_DIRECT);
  }

  @Test
  void updatesKeepDecisionsRestartNewAddressesAndForgetRemovedPeers() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob("192.0.2.10:51820")));
    clock.advance(Duration.ofSeconds(5));
    selector.refresh();

    // Same peer, new address: a relayed peer stays relayed (no flapping on every map).
    selector.update(List.of(bob("192.0.2.99:51820")));
    assertThat(selector.endpoint("bob")).contains("127.0.0.1:40001");

    // A peer still trying direct adopts a new address and starts its timeout again.
    selector.update(
        List.of(
            bob("192.0.2.99:51820"),
            new PathCandidate("carol", KEY_C, Optional.of("192.0.2.20:1"))));
    clock.advance(Duration.ofSeconds(3));
    selector.update(
        List.of(
            bob("192.0.2.99:51820"),
            new PathCandidate("carol", KEY_C, Optional.of("192.0.2.21:1"))));
    assertThat(selector.endpoint("carol")).contains("192.0.2.21:1");
    clock.advance(Duration.ofSeconds(3));
    selector.refresh();
    assertThat(selector.paths().get("carol").route()).isEqualTo(Route.TRYING_DIRECT);

    selector.update(List.of());
    assertThat(selector.paths()).isEmpty();
    assertThat(selector.endpoint("bob")).isEmpty();
  }

  @Test
  void aPeerRelayedForLackOfAnAddressTriesDirectWhenItsFirstAddressArrives() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob(null)));
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.RELAY);

    selector.update(List.of(bob("192.0.2.10:51820")));
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.TRYING_DIRECT);
    assertThat(selector.endpoint("bob")).contains("192.0.2.10:51820");

    clock.advance(Duration.ofSeconds(5));
    assertThat(selector.refresh()).isTrue();
    assertThat(selector.endpoint("bob")).contains("127.0.0.1:40001");
  }

  @Test
  void aNewKeyForThePeerIdStartsOver() {
    relayEndpoints.put("bob", "127.0.0.1:40001");
    selector.update(List.of(bob("192.0.2.10:51820")));
    clock.advance(Duration.ofSeconds(5));
    selector.refresh();
    selector.update(List.of(new PathCandidate("bob", KEY_C, Optional.of("192.0.2.10:51820"))));
    assertThat(selector.paths().get("bob").route()).isEqualTo(Route.TRYING_DIRECT);
  }

  @Test
  void theTimeoutMustBePositive() {
    assertThatThrownBy(
            () -> new DirectThenRelay(Map::of, p -> Optional.empty(), clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
