package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.InsecureServerCredentials;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.Eventually;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.testing.TestRelays;
import io.meshward.relay.wire.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fail-closed start, losing and regaining the coordinator, and relay restarts. */
class RelayLifecycleTest {

  private static final AllowedPairs ALICE_BOB =
      snapshot(1)
          .pair("alice", "bob")
          .credential("alice", "alice-secret")
          .credential("bob", "bob-secret")
          .build();

  @Test
  void admitsNobodyUntilTheFirstSnapshotArrives() throws Exception {
    try (var coordinator = FakeCoordinator.start();
        var relay = TestRelays.start(TestRelays.settings(coordinator.target()))) {
      Eventually.until("relay subscribed", () -> coordinator.subscribers() == 1);
      try (var alice = AgentClient.connect(relay.address())) {
        assertThat(alice.hello("alice", "alice-secret").errorCode())
            .isEqualTo(ErrorCode.NOT_READY.code());
      }
      coordinator.publish(ALICE_BOB);
      Eventually.until("snapshot 1", () -> relay.snapshotSerial() == 1);
      try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret")) {
        alice.ping();
        assertThat(alice.read().type()).isEqualTo(AgentClient.PONG);
      }
    }
  }

  @Test
  void wrongRelayTokenNeverYieldsASnapshot() throws Exception {
    try (var coordinator = FakeCoordinator.start()) {
      coordinator.publish(ALICE_BOB);
      var good = TestRelays.settings(coordinator.target());
      var wrongToken =
          new RelaySettings(
              good.listen(),
              good.coordinatorTarget(),
              good.coordinatorCredentials(),
              good.relayId(),
              "not-the-token",
              good.maxStale(),
              good.helloTimeout(),
              good.idleTimeout(),
              good.framesPerSecond(),
              good.frameBurst(),
              null,
              1);
      try (var relay = TestRelays.start(wrongToken)) {
        try (var alice = AgentClient.connect(relay.address())) {
          assertThat(alice.hello("alice", "alice-secret").errorCode())
              .isEqualTo(ErrorCode.NOT_READY.code());
        }
        assertThat(relay.snapshotSerial()).isEqualTo(-1);
      }
    }
  }

  @Test
  void lostCoordinatorDropsEverythingAfterMaxStaleThenRecovers() throws Exception {
    var coordinator = FakeCoordinator.start();
    int port = coordinator.port();
    coordinator.publish(ALICE_BOB);
    var settings =
        TestRelays.withLimits(
            TestRelays.settings(coordinator.target()),
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            100_000,
            20_000);
    try (var relay = TestRelays.start(settings)) {
      Eventually.until("snapshot 1", () -> relay.snapshotSerial() == 1);
      try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret")) {
        coordinator.close();
        // after --max-stale the relay forgets the snapshot and closes every session
        assertThat(alice.awaitClosed()).isEqualTo(ErrorCode.NOT_READY.code());
        assertThat(relay.snapshotSerial()).isEqualTo(-1);
      }
      try (var alice = AgentClient.connect(relay.address())) {
        assertThat(alice.hello("alice", "alice-secret").errorCode())
            .isEqualTo(ErrorCode.NOT_READY.code());
      }
      // the coordinator comes back on the same address: the relay resubscribes by itself
      coordinator = FakeCoordinator.start(port, InsecureServerCredentials.create());
      coordinator.publish(
          snapshot(7)
              .pair("alice", "bob")
              .credential("alice", "alice-secret")
              .credential("bob", "bob-secret")
              .build());
      Eventually.until("resubscribed", () -> relay.snapshotSerial() == 7);
      try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
          var bob = AgentClient.authenticated(relay.address(), "bob", "bob-secret")) {
        alice.send("bob", "back");
        assertThat(new String(bob.read().payload(), StandardCharsets.UTF_8)).isEqualTo("back");
      }
    } finally {
      coordinator.close();
    }
  }

  @Test
  void keepsEnforcingTheLastSnapshotWhileTheCoordinatorIsAwayWithinMaxStale() throws Exception {
    var coordinator = FakeCoordinator.start();
    coordinator.publish(ALICE_BOB);
    try (var relay = TestRelays.start(TestRelays.settings(coordinator.target()))) {
      Eventually.until("snapshot 1", () -> relay.snapshotSerial() == 1);
      try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
          var bob = AgentClient.authenticated(relay.address(), "bob", "bob-secret")) {
        coordinator.close();
        Eventually.until(
            "relay noticed the loss", () -> relay.metrics().coordinatorStreamsLost() >= 1);
        alice.send("bob", "still allowed");
        assertThat(new String(bob.read().payload(), StandardCharsets.UTF_8))
            .isEqualTo("still allowed");
        assertThat(relay.snapshotSerial()).isEqualTo(1);
      }
    } finally {
      coordinator.close();
    }
  }

  @Test
  void agentsReconnectToARestartedRelay() throws Exception {
    try (var coordinator = FakeCoordinator.start()) {
      coordinator.publish(ALICE_BOB);
      var settings = TestRelays.settings(coordinator.target());
      int port;
      var alice = (AgentClient) null;
      var bob = (AgentClient) null;
      try (var first = TestRelays.start(settings)) {
        Eventually.until("snapshot", () -> first.snapshotSerial() == 1);
        port = first.address().getPort();
        alice = AgentClient.authenticated(first.address(), "alice", "alice-secret");
        bob = AgentClient.authenticated(first.address(), "bob", "bob-secret");
        alice.send("bob", "one");
        assertThat(bob.read().payload()).isEqualTo("one".getBytes(StandardCharsets.UTF_8));
      }
      // relay gone: the connections end (reconnecting is the agent's duty)
      awaitEnded(alice);
      awaitEnded(bob);
      try (var second = TestRelays.start(TestRelays.onPort(settings, port))) {
        Eventually.until("snapshot", () -> second.snapshotSerial() == 1);
        try (var alice2 = AgentClient.authenticated(second.address(), "alice", "alice-secret");
            var bob2 = AgentClient.authenticated(second.address(), "bob", "bob-secret")) {
          alice2.send("bob", "two");
          assertThat(bob2.read().payload()).isEqualTo("two".getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static void awaitEnded(AgentClient client) throws IOException {
    try (client) {
      client.awaitClosed();
    }
  }
}
