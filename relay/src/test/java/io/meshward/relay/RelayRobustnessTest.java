package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.Eventually;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.testing.TestRelays;
import io.meshward.relay.wire.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input closes the offending connection and nothing else. */
class RelayRobustnessTest {

  private FakeCoordinator coordinator;
  private Relay relay;

  @BeforeEach
  void start() throws Exception {
    coordinator = FakeCoordinator.start();
    coordinator.publish(
        snapshot(1)
            .pair("alice", "bob")
            .pair("eve", "bob")
            .credential("alice", "alice-secret")
            .credential("bob", "bob-secret")
            .credential("eve", "eve-secret")
            .build());
    relay =
        TestRelays.start(
            TestRelays.withLimits(
                TestRelays.settings(coordinator.target()),
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                1_000,
                200));
    Eventually.until("first snapshot", () -> relay.snapshotSerial() == 1);
  }

  @AfterEach
  void stop() throws Exception {
    relay.close();
    coordinator.close();
  }

  @Test
  void garbageAfterHelloClosesOnlyThatConnection() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob", "bob-secret");
        var eve = AgentClient.authenticated(relay.address(), "eve", "eve-secret")) {
      eve.sendRaw(new byte[] {0, 3, 0x7f, 1, 2});
      assertThat(eve.awaitClosed()).isEqualTo(ErrorCode.PROTOCOL_ERROR.code());
      assertForwarding(alice, bob);
    }
    assertThat(relay.metrics().droppedCount(DropReason.MALFORMED)).isEqualTo(1);
  }

  @Test
  void randomBytesBeforeHelloCloseThatConnection() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob", "bob-secret");
        var noise = AgentClient.connect(relay.address())) {
      byte[] junk = new byte[600];
      new Random(7).nextBytes(junk);
      junk[0] = 0x01; // length 0x01.. — a plausible frame that is not a valid HELLO
      junk[1] = 0x00;
      noise.sendRaw(junk);
      assertThat(noise.awaitClosed()).isNotZero();
      assertForwarding(alice, bob);
    }
  }

  @Test
  void dataBeforeHelloIsNotAuthenticated() throws Exception {
    try (var sneaky = AgentClient.connect(relay.address())) {
      sneaky.send("bob", "let me through");
      assertThat(sneaky.awaitClosed()).isEqualTo(ErrorCode.NOT_AUTHENTICATED.code());
    }
    assertThat(relay.metrics().droppedCount(DropReason.NOT_AUTHENTICATED)).isEqualTo(1);
  }

  @Test
  void oversizeFramesCloseOnlyThatConnection() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob", "bob-secret");
        var eve = AgentClient.authenticated(relay.address(), "eve", "eve-secret")) {
      eve.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, 3});
      assertThat(eve.awaitClosed()).isEqualTo(ErrorCode.OVERSIZE.code());
      assertForwarding(alice, bob);
    }
    try (var eve = AgentClient.authenticated(relay.address(), "eve", "eve-secret")) {
      // within the frame limit but above the packet limit
      eve.send("bob", new byte[2100]);
      assertThat(eve.awaitClosed()).isEqualTo(ErrorCode.OVERSIZE.code());
    }
    assertThat(relay.metrics().droppedCount(DropReason.OVERSIZE)).isEqualTo(2);
  }

  @Test
  void floodingClientIsClosedOthersContinue() throws Exception {
    try (var alice = AgentClient.authenticated(relay.address(), "alice", "alice-secret");
        var bob = AgentClient.authenticated(relay.address(), "bob", "bob-secret");
        var eve = AgentClient.authenticated(relay.address(), "eve", "eve-secret")) {
      // far more than the burst of 200, at once: DATA frames to an unknown peer "x"
      byte[] burst = floodFrames(2_000);
      try {
        eve.sendRaw(burst);
      } catch (java.io.IOException closedWhileSending) {
        // the relay may close before all bytes are written
      }
      assertThat(eve.awaitClosed()).isEqualTo(ErrorCode.RATE_LIMITED.code());
      assertForwarding(alice, bob);
    }
    assertThat(relay.metrics().closedCount(ErrorCode.RATE_LIMITED)).isEqualTo(1);
  }

  @Test
  void aReceiverThatDoesNotReadCostsDropsNotMemory() throws Exception {
    var relaxed =
        TestRelays.withLimits(
            TestRelays.settings(coordinator.target()),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            1_000_000,
            1_000_000);
    try (var roomy = TestRelays.start(relaxed)) {
      Eventually.until("snapshot", () -> roomy.snapshotSerial() == 1);
      try (var alice = AgentClient.authenticated(roomy.address(), "alice", "alice-secret");
          var bob = AgentClient.authenticated(roomy.address(), "bob", "bob-secret")) {
        // bob reads nothing; alice sends far more than his 1 MiB relay buffer and socket buffers
        byte[] packet = new byte[2048];
        while (roomy.metrics().droppedCount(DropReason.DESTINATION_BUSY) == 0) {
          for (int i = 0; i < 500; i++) {
            alice.send("bob", packet);
          }
        }
        // alice stays connected: congestion is not her fault
        alice.ping();
        AgentClient.Frame reply = alice.read();
        assertThat(reply.type()).isEqualTo(AgentClient.PONG);
      }
    }
  }

  @Test
  void silentConnectionIsClosedAfterTheHelloTimeout() throws Exception {
    try (var silent = AgentClient.connect(relay.address())) {
      assertThat(silent.awaitClosed()).isEqualTo(ErrorCode.HELLO_TIMEOUT.code());
    }
  }

  @Test
  void unsupportedVersionIsRefused() throws Exception {
    try (var future = AgentClient.connect(relay.address())) {
      byte[] id = "alice".getBytes(StandardCharsets.UTF_8);
      byte[] hello = new byte[2 + 3 + id.length + 1 + 1];
      hello[1] = (byte) (hello.length - 2);
      hello[2] = 1;
      hello[3] = 9; // version 9
      hello[4] = (byte) id.length;
      System.arraycopy(id, 0, hello, 5, id.length);
      hello[5 + id.length] = 1;
      hello[6 + id.length] = 'x';
      future.sendRaw(hello);
      assertThat(future.awaitClosed()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION.code());
    }
  }

  private static byte[] floodFrames(int count) {
    // DATA frame: length=4 (type, idLen, 'x', one packet byte)
    byte[] out = new byte[count * 6];
    for (int i = 0; i < count; i++) {
      int p = i * 6;
      out[p + 1] = 4;
      out[p + 2] = 3;
      out[p + 3] = 1;
      out[p + 4] = 'x';
      out[p + 5] = 0;
    }
    return out;
  }

  private static void assertForwarding(AgentClient from, AgentClient to) throws Exception {
    from.send("bob", "still forwarding");
    var frame = to.read();
    assertThat(frame.type()).isEqualTo(AgentClient.DATA);
    assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("still forwarding");
  }
}
