package io.meshward.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.agent.testing.Await;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link RelayedPeers} does without any relay answering. */
class RelayedPeersTest {

  @Test
  void relayingNeedsAFixedListenPort() {
    assertThatThrownBy(() -> new RelayedPeers(0, RelayTestbed.FAST_RETRY, p -> {}))
        .hasMessageContaining("fixed WireGuard listen port");
  }

  @Test
  void withoutARelayNoPeerHasARelayEndpoint() {
    try (var peers = new RelayedPeers(51820, RelayTestbed.FAST_RETRY, p -> {})) {
      peers.configure("alice", List.of(), Set.of("bob"));
      assertThat(peers.relayStatus()).isEmpty();
      assertThat(peers.endpointFor("bob")).isEmpty();
    }
  }

  @Test
  void anUnreachableRelayIsRetriedAndOffersNoEndpoint() throws Exception {
    int closedPort;
    try (var probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    try (var peers = new RelayedPeers(51820, RelayTestbed.FAST_RETRY, p -> {})) {
      peers.configure(
          "alice",
          List.of(new RelayAccess("127.0.0.1:" + closedPort, "the-secret")),
          Set.of("bob"));
      Await.until(
          "waiting to reconnect",
          () -> peers.relayStatus().orElseThrow().state() == RelayStatus.State.WAITING);
      assertThat(peers.relayStatus().orElseThrow().detail())
          .contains("127.0.0.1:" + closedPort)
          .contains("reconnecting in")
          .doesNotContain("the-secret");
      assertThat(peers.endpointFor("bob")).isEmpty();
      assertThat(peers.endpointFor("mallory")).isEmpty();
    }
  }

  @Test
  void aPeerIdTheProtocolCannotCarryIsNotRelayedAndBreaksNothing() throws Exception {
    try (var peers = new RelayedPeers(51820, RelayTestbed.FAST_RETRY, p -> {})) {
      peers.configure(
          "x".repeat(129), List.of(new RelayAccess("127.0.0.1:9", "the-secret")), Set.of("bob"));
      assertThat(peers.relayStatus()).as("no client for an invalid own id").isEmpty();
      assertThat(peers.endpointFor("bob")).isEmpty();
    }
  }
}
