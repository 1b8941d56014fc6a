package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.Eventually;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.testing.TestRelays;
import io.meshward.relay.wire.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The challenge-response HELLO of protocol version 2 against a real relay on loopback: only a proof
 * for this connection's nonce, this relay and the claimed peer is accepted; every refusal closes
 * that connection alone with the documented ERROR.
 */
class RelayHandshakeTest {

  private FakeCoordinator coordinator;
  private Relay relay;
  private AgentClient alice;
  private AgentClient bob;

  @BeforeEach
  void start() throws Exception {
    coordinator = FakeCoordinator.start();
    coordinator.publish(
        snapshot(1)
            .pair("alice", "bob")
            .credential("alice", "alice-secret")
            .credential("bob", "bob-secret")
            .credential("eve", "eve-secret")
            .build());
    relay = TestRelays.start(TestRelays.settings(coordinator.target()));
    Eventually.until("first snapshot", () -> relay.snapshotSerial() == 1);
    alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
    bob = AgentClient.authenticated(relay.address(), "bob", "bob-secret");
  }

  @AfterEach
  void stop() throws Exception {
    alice.close();
    bob.close();
    relay.close();
    coordinator.close();
  }

  @Test
  void everyConnectionGetsItsOwnChallengeNamingThisRelay() throws Exception {
    try (var first = AgentClient.connect(relay.address());
        var second = AgentClient.connect(relay.address())) {
      AgentClient.Challenge a = first.challenge();
      AgentClient.Challenge b = second.challenge();
      assertThat(a.version()).isEqualTo(2);
      assertThat(a.relayId()).isEqualTo(FakeCoordinator.RELAY_ID);
      assertThat(a.nonce()).hasSize(32).isNotEqualTo(b.nonce()).isNotEqualTo(new byte[32]);
      assertThat(first.hello("eve", "eve-secret").type()).isEqualTo(AgentClient.HELLO_OK);
      assertThat(second.hello("eve", "eve-secret").type()).isEqualTo(AgentClient.HELLO_OK);
      assertThat(first.awaitClosed()).isEqualTo(ErrorCode.REPLACED.code());
    }
    assertForwarding();
  }

  @Test
  void aWrongProofIsABadCredential() throws Exception {
    try (var eve = AgentClient.connect(relay.address())) {
      AgentClient.Challenge c = eve.challenge();
      byte[] proof = AgentClient.proof("eve-secret", c.relayId(), c.nonce(), "eve");
      proof[0] ^= 1;
      assertThat(eve.helloWithProof("eve", proof).errorCode())
          .isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
      assertThat(eve.awaitClosed()).isZero();
    }
    try (var eve = AgentClient.connect(relay.address())) {
      assertThat(eve.hello("eve", "not-eve-secret").errorCode())
          .isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    try (var stranger = AgentClient.connect(relay.address())) {
      // an unknown peer id is refused exactly like a wrong proof
      assertThat(stranger.hello("mallory", "anything").errorCode())
          .isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    assertThat(relay.metrics().closedCount(ErrorCode.BAD_CREDENTIAL)).isEqualTo(3);
    assertForwarding();
  }

  @Test
  void aHelloRecordedOnOneConnectionIsWorthlessOnAnother() throws Exception {
    byte[] recorded;
    try (var eve = AgentClient.connect(relay.address())) {
      AgentClient.Challenge c = eve.challenge();
      recorded =
          AgentClient.helloFrame(
              "eve", AgentClient.proof("eve-secret", c.relayId(), c.nonce(), "eve"));
      eve.sendRaw(recorded);
      assertThat(eve.read().type()).isEqualTo(AgentClient.HELLO_OK);
      try (var replay = AgentClient.connect(relay.address())) {
        // while the original connection is up...
        replay.challenge();
        replay.sendRaw(recorded);
        assertThat(replay.awaitClosed()).isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
      }
      eve.ping();
      assertThat(eve.read().type()).as("the real eve is undisturbed").isEqualTo(AgentClient.PONG);
    }
    try (var replay = AgentClient.connect(relay.address())) {
      // ...and after it has ended
      replay.challenge();
      replay.sendRaw(recorded);
      assertThat(replay.awaitClosed()).isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    assertForwarding();
  }

  @Test
  void aProofForAnotherPeerIdOrAnotherRelayIsRefused() throws Exception {
    try (var eve = AgentClient.connect(relay.address())) {
      AgentClient.Challenge c = eve.challenge();
      // eve's own valid proof, presented under alice's id
      byte[] evesProof = AgentClient.proof("eve-secret", c.relayId(), c.nonce(), "eve");
      assertThat(eve.helloWithProof("alice", evesProof).errorCode())
          .isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    try (var eve = AgentClient.connect(relay.address())) {
      AgentClient.Challenge c = eve.challenge();
      // made with eve's credential but for peer id "bob": the peer id is part of the proof
      byte[] forBob = AgentClient.proof("eve-secret", c.relayId(), c.nonce(), "bob");
      assertThat(eve.helloWithProof("eve", forBob).errorCode())
          .isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    try (var eve = AgentClient.connect(relay.address())) {
      AgentClient.Challenge c = eve.challenge();
      byte[] otherRelay = AgentClient.proof("eve-secret", "relay-2", c.nonce(), "eve");
      assertThat(eve.helloWithProof("eve", otherRelay).errorCode())
          .isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    assertThat(relay.connectedAgents()).isEqualTo(2);
    assertForwarding();
  }

  @Test
  void aVersion1HelloIsToldToUpgrade() throws Exception {
    try (var old = AgentClient.connect(relay.address())) {
      old.challenge();
      // the version 1 HELLO of the old document: alice's credential in clear
      old.sendRaw(hex("00 0f 01 01 05 61 6c 69 63 65 06 73 33 63 72 65 74"));
      AgentClient.Frame reply = old.read();
      assertThat(reply.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION.code());
      assertThat(new String(reply.payload(), 1, reply.payload().length - 1, StandardCharsets.UTF_8))
          .contains("version 2")
          .contains("upgrade the agent");
      assertThat(old.awaitClosed()).isZero();
    }
    assertThat(relay.metrics().closedCount(ErrorCode.UNSUPPORTED_VERSION)).isEqualTo(1);
    assertForwarding();
  }

  @Test
  void truncatedAndOverlongHellosAreProtocolErrors() throws Exception {
    byte[][] malformed = {
      hex("00 01 01"), // no version
      hex("00 02 01 02"), // no peer id length
      AgentClient.helloFrame("eve", new byte[31]), // proof one byte short
      AgentClient.helloFrame("eve", new byte[33]), // proof one byte long
      AgentClient.helloFrame("", new byte[32]), // empty peer id
      AgentClient.helloFrame("x".repeat(129), new byte[32]) // peer id above 128 bytes
    };
    for (byte[] frame : malformed) {
      try (var client = AgentClient.connect(relay.address())) {
        client.challenge();
        client.sendRaw(frame);
        assertThat(client.awaitClosed())
            .as(HexFormat.of().formatHex(frame))
            .isEqualTo(ErrorCode.PROTOCOL_ERROR.code());
      }
    }
    assertThat(relay.metrics().droppedCount(DropReason.MALFORMED)).isEqualTo(6);
    try (var client = AgentClient.connect(relay.address())) {
      client.challenge();
      // a length above the largest frame: closed by the framing, before HELLO is looked at
      byte[] huge = new byte[2 + 2179];
      huge[0] = (byte) (2179 >>> 8);
      huge[1] = (byte) 2179;
      huge[2] = 1;
      huge[3] = 2;
      client.sendRaw(Arrays.copyOf(huge, 16));
      assertThat(client.awaitClosed()).isEqualTo(ErrorCode.OVERSIZE.code());
    }
    assertForwarding();
  }

  @Test
  void aChallengeAnswersOneHelloOnly() throws Exception {
    try (var eve = AgentClient.connect(relay.address())) {
      AgentClient.Challenge c = eve.challenge();
      byte[] good = AgentClient.proof("eve-secret", c.relayId(), c.nonce(), "eve");
      byte[] bad = good.clone();
      bad[31] ^= 1;
      // a wrong guess and the right answer in one write: the second never gets looked at
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.writeBytes(AgentClient.helloFrame("eve", bad));
      both.writeBytes(AgentClient.helloFrame("eve", good));
      eve.sendRaw(both.toByteArray());
      assertThat(eve.awaitClosed()).isEqualTo(ErrorCode.BAD_CREDENTIAL.code());
    }
    assertThat(relay.connectedAgents()).isEqualTo(2);
    assertThat(relay.metrics().closedCount(ErrorCode.BAD_CREDENTIAL)).isEqualTo(1);
    assertForwarding();
  }

  @Test
  void nothingButHelloAnswersTheChallenge() throws Exception {
    try (var eve = AgentClient.connect(relay.address())) {
      eve.challenge();
      eve.ping();
      assertThat(eve.awaitClosed()).isEqualTo(ErrorCode.NOT_AUTHENTICATED.code());
    }
    assertForwarding();
  }

  private void assertForwarding() throws Exception {
    alice.send("bob", "still forwarding");
    var frame = bob.read();
    assertThat(frame.type()).isEqualTo(AgentClient.DATA);
    assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("still forwarding");
  }

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }
}
