package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.wireguard.WireGuardPeer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerChangesTest {

  private static final String KEY_1 = "A".repeat(43) + "=";
  private static final String KEY_2 = "B".repeat(43) + "=";
  private static final String KEY_3 = "C".repeat(43) + "=";

  @Test
  void unchangedPeersGetNoArgumentsAtAll() {
    Map<String, LivePeer> live =
        Map.of(
            KEY_1,
            new LivePeer(KEY_1, Set.of("10.0.0.1/32"), Optional.of("192.0.2.1:51820"), 1700000000));
    PeerChanges changes =
        PeerChanges.between(
            live, List.of(new WireGuardPeer(KEY_1, "10.0.0.1/32", Optional.of("192.0.2.1:51820"))));

    assertThat(changes.isEmpty()).isTrue();
    assertThat(changes.wgSetArguments()).isEmpty();
  }

  @Test
  void aLearnedEndpointIsKeptWhenNoneIsWanted() {
    Map<String, LivePeer> live =
        Map.of(KEY_1, new LivePeer(KEY_1, Set.of("10.0.0.1/32"), Optional.of("192.0.2.1:4000"), 0));

    PeerChanges changes =
        PeerChanges.between(live, List.of(new WireGuardPeer(KEY_1, "10.0.0.1", Optional.empty())));

    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void addsUpdatesAndRemovesPeerByPeer() {
    Map<String, LivePeer> live =
        Map.of(
            KEY_1, new LivePeer(KEY_1, Set.of("10.0.0.1/32"), Optional.empty(), 0),
            KEY_2, new LivePeer(KEY_2, Set.of("10.0.0.2/32"), Optional.empty(), 0));

    PeerChanges changes =
        PeerChanges.between(
            live,
            List.of(
                new WireGuardPeer(KEY_1, "10.0.0.9/32", Optional.empty()),
                new WireGuardPeer(KEY_3, "10.0.0.3/32", Optional.of("192.0.2.3:51820"))));

    assertThat(changes.removed()).containsExactly(KEY_2);
    assertThat(changes.added()).extracting(WireGuardPeer::publicKey).containsExactly(KEY_3);
    assertThat(changes.updated()).extracting(WireGuardPeer::publicKey).containsExactly(KEY_1);
    assertThat(changes.wgSetArguments())
        .containsExactly(
            List.of(
                "peer",
                KEY_2,
                "remove",
                "peer",
                KEY_3,
                "allowed-ips",
                "10.0.0.3/32",
                "endpoint",
                "192.0.2.3:51820",
                "persistent-keepalive",
                "off",
                "peer",
                KEY_1,
                "allowed-ips",
                "10.0.0.9/32",
                "persistent-keepalive",
                "off"));
  }

  @Test
  void aChangedKeepaliveUpdatesOnlyThatPeer() {
    Map<String, LivePeer> live =
        Map.of(
            KEY_1, new LivePeer(KEY_1, Set.of("10.0.0.1/32"), Optional.empty(), 0, 0),
            KEY_2, new LivePeer(KEY_2, Set.of("10.0.0.2/32"), Optional.empty(), 0, 25));

    PeerChanges changes =
        PeerChanges.between(
            live,
            List.of(
                new WireGuardPeer(KEY_1, "10.0.0.1/32", Optional.empty(), 25),
                new WireGuardPeer(KEY_2, "10.0.0.2/32", Optional.empty(), 25)));

    assertThat(changes.wgSetArguments())
        .containsExactly(
            List.of("peer", KEY_1, "allowed-ips", "10.0.0.1/32", "persistent-keepalive", "25"));
  }

  @Test
  void thousandsOfPeersAreSplitAcrossCalls() {
    List<WireGuardPeer> wanted =
        java.util.stream.IntStream.range(0, 450)
            .mapToObj(
                i ->
                    new WireGuardPeer(
                        String.format("%043d=", i), "100.64.1." + (i % 250), Optional.empty()))
            .toList();

    List<List<String>> calls = PeerChanges.between(Map.of(), wanted).wgSetArguments();

    assertThat(calls).hasSize(3);
    assertThat(calls.get(0)).hasSize(PeerChanges.PEERS_PER_CALL * 6);
    assertThat(calls.get(2)).hasSize(50 * 6);
  }
}
