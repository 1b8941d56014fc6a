package io.meshward.coordinator.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.protobuf.ProtoUtils;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.PortRule;
import io.meshward.protocol.v1.RelayInfo;
import io.meshward.protocol.v1.RemotePeer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Maps encoded from cached pieces are byte for byte the maps the protobuf builder makes, and the
 * pre-serialised message reaches gRPC as those same bytes.
 */
class MapEncoderTest {

  static final AccessDecision.PortRule SSH = new AccessDecision.PortRule("tcp", 22, 22);
  static final AccessDecision.PortRule WEB = new AccessDecision.PortRule("tcp", 80, 443);
  static final AccessDecision.PortRule ANY = AccessDecision.PortRule.any();

  static AccountSnapshot.PeerFacts peer(String id, String name, List<String> endpoints) {
    return new AccountSnapshot.PeerFacts(
        id, name, "100.64.0." + id.length(), "key-" + id, "linux", endpoints, Set.of(), Set.of());
  }

  final Map<String, AccountSnapshot.PeerFacts> peers = new LinkedHashMap<>();
  final AccessGraph graph = new AccessGraph();

  MapEncoderTest() {
    // ids out of order on purpose: maps list peers sorted by id
    peers.put("d", peer("d", "delta", List.of("192.0.2.4:51820", "[2001:db8::4]:51820")));
    peers.put("b", peer("b", "", List.of()));
    peers.put("a", peer("a", "alpha", List.of("192.0.2.1:51820")));
    peers.put("c", peer("c", "charlie", List.of()));
    var allowed =
        List.of(
            new AccessDecision.AllowedConnection("a", "b", List.of(SSH, WEB), "r"),
            new AccessDecision.AllowedConnection("b", "a", List.of(ANY), "r"),
            new AccessDecision.AllowedConnection("d", "a", List.of(SSH), "r"),
            new AccessDecision.AllowedConnection("a", "c", List.of(WEB), "r"),
            new AccessDecision.AllowedConnection("c", "d", List.of(ANY), "r"));
    graph.replaceTouching(peers.keySet(), allowed, peers.keySet());
  }

  /** The map as the service built it before maps were encoded from cached pieces. */
  NetworkMap built(String selfId, List<RelayInfo> relays, long serial) {
    var self = peers.get(selfId);
    var map =
        NetworkMap.newBuilder()
            .setSerial(serial)
            .setSelf(
                PeerConfig.newBuilder()
                    .setPeerId(self.id())
                    .setName(self.name())
                    .setMeshAddress(self.meshAddress() + "/10"));
    graph.neighbours(selfId).stream()
        .sorted()
        .forEach(
            otherId -> {
              var other = peers.get(otherId);
              var remote =
                  RemotePeer.newBuilder()
                      .setPeerId(other.id())
                      .setName(other.name())
                      .setWireguardPublicKey(other.wireguardPublicKey())
                      .setMeshAddress(other.meshAddress() + "/32")
                      .addAllEndpoints(other.endpoints());
              graph.rules(selfId, otherId).forEach(r -> remote.addOutbound(proto(r)));
              graph.rules(otherId, selfId).forEach(r -> remote.addInbound(proto(r)));
              map.addPeers(remote);
            });
    return map.addAllRelays(relays).build();
  }

  static PortRule proto(AccessDecision.PortRule r) {
    return PortRule.newBuilder()
        .setProtocol(r.protocol())
        .setFromPort(r.fromPort())
        .setToPort(r.toPort())
        .build();
  }

  MapEncoder.Encoded encode(
      MapEncoder encoder, String selfId, List<RelayInfo> relays, long serial) {
    var self = peers.get(selfId);
    var config =
        PeerConfig.newBuilder()
            .setPeerId(self.id())
            .setName(self.name())
            .setMeshAddress(self.meshAddress() + "/10")
            .build();
    return encoder.encode(graph, config, relays, serial, new HashMap<>());
  }

  @Test
  void encodedMapsAreTheBuilderBytes() throws Exception {
    var encoder = new MapEncoder();
    encoder.update(peers);
    var relays =
        List.of(
            RelayInfo.newBuilder().setAddress("relay-1:443").setCredential("c1").build(),
            RelayInfo.newBuilder().setAddress("relay-2:443").build());
    for (String self : peers.keySet()) {
      for (long serial : new long[] {1, 127, 128, 1L << 40}) {
        NetworkMap expected = built(self, relays, serial);
        MapEncoder.Encoded encoded = encode(encoder, self, relays, serial);
        assertThat(encoded.bytes()).isEqualTo(expected.toByteArray());
        assertThat(encoded.message().decode()).isEqualTo(expected);
      }
    }
    assertThat(encode(encoder, "a", List.of(), 3).message().decode().getPeersList())
        .extracting(RemotePeer::getPeerId)
        .containsExactly("b", "c", "d");
  }

  @Test
  void theDigestIgnoresTheSerialButNotTheContent() {
    var encoder = new MapEncoder();
    encoder.update(peers);
    byte[] first = encode(encoder, "a", List.of(), 1).digest();
    assertThat(encode(encoder, "a", List.of(), 300).digest()).isEqualTo(first);

    graph.replaceTouching(
        Set.of("a"),
        List.of(
            new AccessDecision.AllowedConnection("a", "b", List.of(SSH), "r"),
            new AccessDecision.AllowedConnection("b", "a", List.of(ANY), "r"),
            new AccessDecision.AllowedConnection("d", "a", List.of(SSH), "r"),
            new AccessDecision.AllowedConnection("a", "c", List.of(WEB), "r")),
        peers.keySet());
    assertThat(encode(encoder, "a", List.of(), 1).digest()).isNotEqualTo(first);
  }

  @Test
  void changedFactsReplaceTheCachedEntryAndRemovedPeersAreLeftOut() throws Exception {
    var encoder = new MapEncoder();
    encoder.update(peers);
    encode(encoder, "a", List.of(), 1);

    peers.put("b", peer("b", "bravo", List.of("198.51.100.2:51820")));
    var withoutD = new LinkedHashMap<>(peers);
    withoutD.remove("d");
    encoder.update(withoutD);
    NetworkMap map = encode(encoder, "a", List.of(), 2).message().decode();
    assertThat(map.getPeersList()).extracting(RemotePeer::getPeerId).containsExactly("b", "c");
    assertThat(map.getPeers(0).getName()).isEqualTo("bravo");
    assertThat(map.getPeers(0).getEndpointsList()).containsExactly("198.51.100.2:51820");
  }

  @Test
  void grpcReceivesThePreSerialisedBytesAsAnOrdinaryNetworkMap() throws Exception {
    var encoder = new MapEncoder();
    encoder.update(peers);
    NetworkMap expected = built("a", List.of(), 9);
    EncodedNetworkMap message = encode(encoder, "a", List.of(), 9).message();

    InputStream stream = EncodedNetworkMap.MARSHALLER.stream(message);
    assertThat(stream).isInstanceOf(KnownLength.class).isInstanceOf(Drainable.class);
    assertThat(stream.available()).isEqualTo(expected.getSerializedSize());
    var drained = new ByteArrayOutputStream();
    assertThat(((Drainable) stream).drainTo(drained)).isEqualTo(expected.getSerializedSize());
    assertThat(drained.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(stream.available()).isZero();

    // what an agent's generated stub does with the bytes
    var agentSide = ProtoUtils.marshaller(NetworkMap.getDefaultInstance());
    assertThat(agentSide.parse(EncodedNetworkMap.MARSHALLER.stream(message))).isEqualTo(expected);
    assertThat(EncodedNetworkMap.MARSHALLER.parse(agentSide.stream(expected)).decode())
        .isEqualTo(expected);
  }
}
