package io.meshward.coordinator.networkmap;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.PortRule;
import io.meshward.protocol.v1.RelayInfo;
import io.meshward.protocol.v1.RemotePeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises network maps of one account from cached pieces. A peer's entry in another peer's map
 * is its own facts (id, name, key, address, endpoints: fields 1-5 of {@code RemotePeer}) followed
 * by the rules between the two; the facts part is encoded once per version of the peer's facts and
 * copied into every map that lists the peer. Fields are written in field-number order, so the bytes
 * equal those the protobuf builder would produce for the same map.
 *
 * <p>{@link #update} runs on the network map worker; {@link #encode} only reads, so several threads
 * may encode at once between updates.
 */
final class MapEncoder {

  private static final int SERIAL = NetworkMap.SERIAL_FIELD_NUMBER;
  private static final int SELF = NetworkMap.SELF_FIELD_NUMBER;
  private static final int PEERS = NetworkMap.PEERS_FIELD_NUMBER;
  private static final int RELAYS = NetworkMap.RELAYS_FIELD_NUMBER;
  private static final int OUTBOUND = RemotePeer.OUTBOUND_FIELD_NUMBER;
  private static final int INBOUND = RemotePeer.INBOUND_FIELD_NUMBER;

  /** One encoded map: the serial field, then the body (everything else) that the digest covers. */
  record Encoded(byte[] bytes, int bodyOffset) {

    /** SHA-256 of the body: a map that differs only in its serial did not change. */
    byte[] digest() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, bodyOffset, bytes.length - bodyOffset);
        return sha.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    EncodedNetworkMap message() {
      return new EncodedNetworkMap(bytes);
    }
  }

  private record Entry(AccountSnapshot.PeerFacts facts, byte[] bytes) {}

  private Map<String, Entry> entries = Map.of();

  /** Each peer's position in map order (sorted by id), and its encoded facts by position. */
  private Map<String, Integer> rank = Map.of();

  private byte[][] factsByRank = new byte[0][];

  /** Brings the cached entries in line with a new snapshot's peers; unchanged peers keep theirs. */
  void update(Map<String, AccountSnapshot.PeerFacts> peers) {
    Map<String, Entry> next = new HashMap<>(peers.size() * 2);
    for (AccountSnapshot.PeerFacts facts : peers.values()) {
      Entry cached = entries.get(facts.id());
      next.put(
          facts.id(),
          cached != null && cached.facts().equals(facts)
              ? cached
              : new Entry(facts, factsPart(facts)));
    }
    String[] sorted = peers.keySet().toArray(String[]::new);
    Arrays.sort(sorted);
    Map<String, Integer> ranks = new HashMap<>(sorted.length * 2);
    byte[][] facts = new byte[sorted.length][];
    for (int i = 0; i < sorted.length; i++) {
      ranks.put(sorted[i], i);
      facts[i] = next.get(sorted[i]).bytes();
    }
    entries = next;
    rank = ranks;
    factsByRank = facts;
  }

  /**
   * Encodes the map of {@code self}: its neighbours in the graph, sorted by id (peers missing from
   * the last update are left out), with the rules each way, then the relays.
   */
  Encoded encode(
      AccessGraph graph,
      PeerConfig self,
      List<RelayInfo> relays,
      long serial,
      Map<AccessDecision.PortRule, byte[]> ruleCache) {
    Neighbours neighbours = neighbours(graph, self.getPeerId());
    int count = neighbours.count;
    int[] entryLengths = new int[count];
    int bodySize = CodedOutputStream.computeMessageSize(SELF, self);
    for (int i = 0; i < count; i++) {
      int length =
          factsByRank[neighbours.ranks[i]].length
              + rulesSize(OUTBOUND, neighbours.outbound[i], ruleCache)
              + rulesSize(INBOUND, neighbours.inbound[i], ruleCache);
      entryLengths[i] = length;
      bodySize +=
          CodedOutputStream.computeTagSize(PEERS)
              + CodedOutputStream.computeUInt32SizeNoTag(length)
              + length;
    }
    for (RelayInfo relay : relays) {
      bodySize += CodedOutputStream.computeMessageSize(RELAYS, relay);
    }
    int serialSize = serial == 0 ? 0 : CodedOutputStream.computeUInt64Size(SERIAL, serial);
    byte[] bytes = new byte[serialSize + bodySize];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      if (serial != 0) {
        out.writeUInt64(SERIAL, serial);
      }
      out.writeMessage(SELF, self);
      for (int i = 0; i < count; i++) {
        out.writeTag(PEERS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(entryLengths[i]);
        out.writeRawBytes(factsByRank[neighbours.ranks[i]]);
        writeRules(out, OUTBOUND, neighbours.outbound[i], ruleCache);
        writeRules(out, INBOUND, neighbours.inbound[i], ruleCache);
      }
      for (RelayInfo relay : relays) {
        out.writeMessage(RELAYS, relay);
      }
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("network map size miscounted", e);
    }
    return new Encoded(bytes, serialSize);
  }

  /** A peer's neighbours in map order, with the rules each way (empty where there are none). */
  private record Neighbours(
      int count,
      int[] ranks,
      List<AccessDecision.PortRule>[] outbound,
      List<AccessDecision.PortRule>[] inbound) {}

  /**
   * Walks the peer's two rule indexes once (no lookup per pair), then sorts the neighbours by their
   * rank, each key carrying the rank in its high half and the position it was read at in its low
   * half, so an outbound and an inbound connection to the same peer end up side by side.
   */
  @SuppressWarnings("unchecked")
  private Neighbours neighbours(AccessGraph graph, String selfId) {
    Map<String, List<AccessDecision.PortRule>> to = graph.outboundRules(selfId);
    Map<String, List<AccessDecision.PortRule>> from = graph.inboundRules(selfId);
    long[] keys = new long[to.size() + from.size()];
    List<AccessDecision.PortRule>[] read = new List[keys.length];
    int n = 0;
    for (var connection : to.entrySet()) {
      Integer r = rank.get(connection.getKey());
      if (r != null) {
        keys[n] = ((long) r << 32) | n;
        read[n++] = connection.getValue();
      }
    }
    int outboundCount = n;
    for (var connection : from.entrySet()) {
      Integer r = rank.get(connection.getKey());
      if (r != null) {
        keys[n] = ((long) r << 32) | n;
        read[n++] = connection.getValue();
      }
    }
    Arrays.sort(keys, 0, n);
    int[] ranks = new int[n];
    List<AccessDecision.PortRule>[] outbound = new List[n];
    List<AccessDecision.PortRule>[] inbound = new List[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int r = (int) (keys[i] >>> 32);
      int position = (int) keys[i];
      if (count == 0 || ranks[count - 1] != r) {
        ranks[count] = r;
        outbound[count] = List.of();
        inbound[count] = List.of();
        count++;
      }
      if (position < outboundCount) {
        outbound[count - 1] = read[position];
      } else {
        inbound[count - 1] = read[position];
      }
    }
    return new Neighbours(count, ranks, outbound, inbound);
  }

  private static int rulesSize(
      int field, List<AccessDecision.PortRule> rules, Map<AccessDecision.PortRule, byte[]> cache) {
    int size = 0;
    for (AccessDecision.PortRule rule : rules) {
      int length = ruleBytes(rule, cache).length;
      size +=
          CodedOutputStream.computeTagSize(field)
              + CodedOutputStream.computeUInt32SizeNoTag(length)
              + length;
    }
    return size;
  }

  private static void writeRules(
      CodedOutputStream out,
      int field,
      List<AccessDecision.PortRule> rules,
      Map<AccessDecision.PortRule, byte[]> cache)
      throws IOException {
    for (AccessDecision.PortRule rule : rules) {
      byte[] bytes = ruleBytes(rule, cache);
      out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(bytes.length);
      out.writeRawBytes(bytes);
    }
  }

  private static byte[] ruleBytes(
      AccessDecision.PortRule rule, Map<AccessDecision.PortRule, byte[]> cache) {
    return cache.computeIfAbsent(
        rule,
        r ->
            PortRule.newBuilder()
                .setProtocol(r.protocol())
                .setFromPort(r.fromPort())
                .setToPort(r.toPort())
                .build()
                .toByteArray());
  }

  private static byte[] factsPart(AccountSnapshot.PeerFacts other) {
    return RemotePeer.newBuilder()
        .setPeerId(other.id())
        .setName(other.name())
        .setWireguardPublicKey(other.wireguardPublicKey())
        .setMeshAddress(other.meshAddress() + "/32")
        .addAllEndpoints(other.endpoints())
        .build()
        .toByteArray();
  }
}
