package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.AgentClient.Frame;
import io.meshward.relay.testing.Eventually;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.testing.TestRelays;
import io.meshward.relay.wire.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real relay, real gRPC feed, real TCP agents on loopback. */
class RelayForwardingTest {

  private FakeCoordinator coordinator;
  private Relay relay;

  @BeforeEach
  void start() throws Exception {
    coordinator = FakeCoordinator.start();
    coordinator.publish(
        snapshot(1)
            .pair("alice", "bob--")
            .pair("bob--", "carol")
            .pair("alice", "dave-the-longer-id")
            .credential("alice", "alice-secret")
            .credential("bob--", "bob-secret")
            .credential("carol", "carol-secret")
            .credential("dave-the-longer-id", "dave-secret")
            .build());
    relay = TestRelays.start(TestRelays.settings(coordinator.target()));
    Eventually.until("first snapshot", () -> relay.snapshotSerial() == 1);
  }

  @AfterEach
  void stop() throws Exception {
    relay.close();
    coordinator.close();
  }

  @Test
  void allowedPairForwardsBothWaysWithTheSenderNamed() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob--", "bob-secret")) {
      alice.send("bob--", "hello bob");
      Frame atBob = bob.read();
      assertThat(atBob.type()).isEqualTo(AgentClient.DATA);
      assertThat(atBob.peer()).isEqualTo("alice");
      assertThat(new String(atBob.payload(), StandardCharsets.UTF_8)).isEqualTo("hello bob");

      bob.send("alice", "hello alice");
      Frame atAlice = alice.read();
      assertThat(atAlice.peer()).isEqualTo("bob--");
      assertThat(new String(atAlice.payload(), StandardCharsets.UTF_8)).isEqualTo("hello alice");
    }
    assertThat(relay.metrics().forwardedCount()).isEqualTo(2);
  }

  @Test
  void idsOfDifferentLengthsAreRewrittenAndFullSizePacketsPassIntact() throws Exception {
    byte[] packet = new byte[2048];
    for (int i = 0; i < packet.length; i++) {
      packet[i] = (byte) (i * 31);
    }
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var dave =
            AgentClient.authenticated(relay.address(), "dave-the-longer-id", "dave-secret")) {
      alice.send("dave-the-longer-id", packet);
      Frame atDave = dave.read();
      assertThat(atDave.peer()).isEqualTo("alice");
      assertThat(atDave.payload()).isEqualTo(packet);

      dave.send("alice", packet);
      Frame atAlice = alice.read();
      assertThat(atAlice.peer()).isEqualTo("dave-the-longer-id");
      assertThat(atAlice.payload()).isEqualTo(packet);
    }
  }

  @Test
  void disallowedPairIsDroppedAndCounted() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob--", "bob-secret");
        var carol = AgentClient.authenticated(relay.address(), "carol", "carol-secret")) {
      alice.send("carol", "alice may not reach carol");
      Eventually.until("drop counted", () -> dropped(DropReason.PAIR_NOT_ALLOWED) == 1);
      bob.send("carol", "marker");
      Frame atCarol = carol.read();
      assertThat(atCarol.peer()).isEqualTo("bob--");
      assertThat(new String(atCarol.payload(), StandardCharsets.UTF_8)).isEqualTo("marker");
      // unknown destination ids are not allowed either
      alice.send("nobody", "x");
      Eventually.until("second drop counted", () -> dropped(DropReason.PAIR_NOT_ALLOWED) == 2);
    }
  }

  @Test
  void allowedButOfflineDestinationIsCounted() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret")) {
      alice.send("bob--", "bob is not here");
      Eventually.until("drop counted", () -> dropped(DropReason.DESTINATION_OFFLINE) == 1);
    }
  }

  @Test
  void revokedPairStopsForwardingWithTheNextSnapshot() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob--", "bob-secret");
        var carol = AgentClient.authenticated(relay.address(), "carol", "carol-secret")) {
      alice.send("bob--", "before");
      assertThat(bob.read().peer()).isEqualTo("alice");

      coordinator.publish(
          snapshot(2)
              .pair("bob--", "carol")
              .credential("alice", "alice-secret")
              .credential("bob--", "bob-secret")
              .credential("carol", "carol-secret")
              .build());
      Eventually.until("snapshot 2 enforced", () -> relay.snapshotSerial() == 2);

      alice.send("bob--", "after revocation");
      Eventually.until("drop counted", () -> dropped(DropReason.PAIR_NOT_ALLOWED) == 1);
      carol.send("bob--", "marker");
      Frame atBob = bob.read();
      assertThat(atBob.peer()).isEqualTo("carol");
      assertThat(new String(atBob.payload(), StandardCharsets.UTF_8)).isEqualTo("marker");
      // alice's connection itself stays: her credential was not revoked
      alice.ping();
      assertThat(alice.read().type()).isEqualTo(AgentClient.PONG);
    }
  }

  @Test
  void unknownPeerOrWrongCredentialIsRefused() throws Exception {
    try (var stranger = AgentClient.connect(relay.address())) {
      Frame reply = stranger.hello("mallory", "guess");
      assertThat(reply.type()).isEqualTo(AgentClient.ERROR);
      assertThat(reply.errorCode()).isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
      assertThat(stranger.awaitClosed()).isZero();
    }
    try (var impostor = AgentClient.connect(relay.address())) {
      Frame reply = impostor.hello("alice", "bob-secret");
      assertThat(reply.errorCode()).isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    assertThatThrownBy(() -> AgentClient.authenticated(relay.address(), "alice", "alice-secretX"))
        .isInstanceOf(IOException.class);
    assertThat(relay.connectedAgents()).isZero();
  }

  @Test
  void revokedCredentialClosesThatAgentOnly() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob--", "bob-secret");
        var carol = AgentClient.authenticated(relay.address(), "carol", "carol-secret")) {
      coordinator.publish(
          snapshot(2)
              .pair("alice", "bob--")
              .pair("bob--", "carol")
              .credential("bob--", "bob-secret")
              .credential("carol", "carol-secret")
              .build());
      assertThat(alice.awaitClosed()).isEqualTo(ErrorCode.CREDENTIAL_REVOKED.code());
      carol.send("bob--", "still here");
      assertThat(new String(bob.read().payload(), StandardCharsets.UTF_8)).isEqualTo("still here");
      Frame retry = AgentClient.connect(relay.address()).hello("alice", "alice-secret");
      assertThat(retry.errorCode()).isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
  }

  @Test
  void rotatedCredentialKeepsOldSessionOnlyWhileBothAreListed() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret")) {
      coordinator.publish(
          snapshot(2)
              .pair("alice", "bob--")
              .credential("alice", "alice-secret")
              .credential("alice", "alice-new-secret")
              .credential("bob--", "bob-secret")
              .build());
      Eventually.until("snapshot 2", () -> relay.snapshotSerial() == 2);
      alice.ping();
      assertThat(alice.read().type()).isEqualTo(AgentClient.PONG);
      try (var aliceNew = AgentClient.authenticated(relay.address(), "alice", "alice-new-secret")) {
        // the newer connection of the same peer replaces the older one
        assertThat(alice.awaitClosed()).isEqualTo(ErrorCode.REPLACED.code());
        aliceNew.ping();
        assertThat(aliceNew.read().type()).isEqualTo(AgentClient.PONG);
      }
    }
  }

  @Test
  void metricsAreServedInPrometheusFormat() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob--", "bob-secret")) {
      alice.send("bob--", "counted");
      bob.read();
      alice.send("carol", "dropped");
      Eventually.until("drop counted", () -> dropped(DropReason.PAIR_NOT_ALLOWED) == 1);
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + relay.metricsAddress().getPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("meshward_relay_packets_forwarded_total 1.0")
          .contains("meshward_relay_forwarded_bytes_total 7.0")
          .contains("meshward_relay_packets_dropped_total{reason=\"pair_not_allowed\"} 1.0")
          .contains("meshward_relay_agents_connected 2.0")
          .contains("meshward_relay_snapshot_serial 1.0")
          .doesNotContain("alice-secret");
    }
  }

  private double dropped(DropReason reason) {
    return relay.metrics().droppedCount(reason);
  }
}
