package io.meshward.plugins.geolocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format 2.0: IPv6 search tree, 24-bit records, IPv4 networks under
 * {@code ::/96}) so tests need no GeoLite data. Values: String, Boolean, Double, Integer (uint32),
 * Long (uint64), List, Map with String keys, and {@link Uint16}.
 */
public final class MaxMindDbWriter {

  /** A uint16 value, as the metadata needs for some fields. */
  public record Uint16(int value) {}

  private static final byte[] METADATA_MARKER = {
    (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
  };

  private final String databaseType;
  private final Node root = new Node();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  public MaxMindDbWriter(String databaseType) {
    this.databaseType = databaseType;
  }

  /** Maps a network such as {@code 81.2.69.0/24} or {@code 2a02:db8::/32} to a record. */
  public MaxMindDbWriter add(String cidr, Map<String, ?> record) throws IOException {
    String[] parts = cidr.split("/");
    InetAddress network = InetAddress.getByName(parts[0]);
    int prefix = Integer.parseInt(parts[1]);
    byte[] address = new byte[16];
    if (network instanceof Inet4Address) {
      System.arraycopy(network.getAddress(), 0, address, 12, 4);
      prefix += 96;
    } else {
      address = network.getAddress();
    }
    Leaf leaf = new Leaf(data.size());
    encode(record, data);
    insert(address, prefix, leaf);
    return this;
  }

  private void insert(byte[] address, int prefix, Leaf leaf) {
    Node node = root;
    for (int i = 0; i < prefix; i++) {
      int bit = (address[i / 8] >> (7 - i % 8)) & 1;
      if (i == prefix - 1) {
        node.set(bit, leaf);
        return;
      }
      Object child = node.get(bit);
      if (child instanceof Node next) {
        node = next;
      } else {
        Node next = new Node();
        if (child instanceof Leaf existing) {
          next.left = existing;
          next.right = existing;
        }
        node.set(bit, next);
        node = next;
      }
    }
  }

  /** Writes the database to {@code file}. */
  public void write(Path file) throws IOException {
    List<Node> order = new ArrayList<>();
    IdentityHashMap<Node, Integer> index = new IdentityHashMap<>();
    ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      index.put(node, order.size());
      order.add(node);
      for (Object child : new Object[] {node.left, node.right}) {
        if (child instanceof Node next) {
          queue.add(next);
        }
      }
    }
    int nodeCount = order.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Node node : order) {
      writeRecord(out, recordValue(node.left, index, nodeCount));
      writeRecord(out, recordValue(node.right, index, nodeCount));
    }
    out.write(new byte[16]);
    data.writeTo(out);
    out.write(METADATA_MARKER);
    encode(
        Map.of(
            "binary_format_major_version",
            new Uint16(2),
            "binary_format_minor_version",
            new Uint16(0),
            "build_epoch",
            1_700_000_000L,
            "database_type",
            databaseType,
            "description",
            Map.of("en", "Meshward test database"),
            "ip_version",
            new Uint16(6),
            "languages",
            List.of("en"),
            "node_count",
            nodeCount,
            "record_size",
            new Uint16(24)),
        out);
    Files.write(file, out.toByteArray());
  }

  private static long recordValue(Object child, Map<Node, Integer> index, int nodeCount) {
    if (child instanceof Node node) {
      return index.get(node);
    }
    if (child instanceof Leaf leaf) {
      return nodeCount + 16L + leaf.offset;
    }
    return nodeCount;
  }

  private static void writeRecord(ByteArrayOutputStream out, long value) {
    out.write((int) (value >> 16) & 0xff);
    out.write((int) (value >> 8) & 0xff);
    out.write((int) value & 0xff);
  }

  private static void encode(Object value, ByteArrayOutputStream out) throws IOException {
    switch (value) {
      case String s -> {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        control(out, 2, bytes.length);
        out.write(bytes);
      }
      case Double d -> {
        control(out, 3, 8);
        out.write(ByteBuffer.allocate(8).putDouble(d).array());
      }
      case Uint16 u -> unsigned(out, 5, BigInteger.valueOf(u.value()));
      case Integer i -> unsigned(out, 6, BigInteger.valueOf(i));
      case Long l -> unsigned(out, 9, BigInteger.valueOf(l));
      case Boolean b -> control(out, 14, b ? 1 : 0);
      case Map<?, ?> map -> {
        control(out, 7, map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          encode((String) entry.getKey(), out);
          encode(entry.getValue(), out);
        }
      }
      case List<?> list -> {
        control(out, 11, list.size());
        for (Object item : list) {
          encode(item, out);
        }
      }
      default -> throw new IllegalArgumentException("cannot encode " + value.getClass());
    }
  }

  private static void unsigned(ByteArrayOutputStream out, int type, BigInteger value)
      throws IOException {
    byte[] bytes = value.toByteArray();
    int start = 0;
    while (start < bytes.length && bytes[start] == 0) {
      start++;
    }
    control(out, type, bytes.length - start);
    out.write(bytes, start, bytes.length - start);
  }

  private static void control(ByteArrayOutputStream out, int type, int size) {
    int sizeBits;
    byte[] sizeBytes;
    if (size < 29) {
      sizeBits = size;
      sizeBytes = new byte[0];
    } else if (size < 29 + 256) {
      sizeBits = 29;
      sizeBytes = new byte[] {(byte) (size - 29)};
    } else if (size < 285 + 65536) {
      sizeBits = 30;
      int rest = size - 285;
      sizeBytes = new byte[] {(byte) (rest >> 8), (byte) rest};
    } else {
      sizeBits = 31;
      int rest = size - 65821;
      sizeBytes = new byte[] {(byte) (rest >> 16), (byte) (rest >> 8), (byte) rest};
    }
    if (type <= 7) {
      out.write((type << 5) | sizeBits);
    } else {
      out.write(sizeBits);
      out.write(type - 7);
    }
    out.write(sizeBytes, 0, sizeBytes.length);
  }

  private static final class Node {
    private Object left;
    private Object right;

    Object get(int bit) {
      return bit == 0 ? left : right;
    }

    void set(int bit, Object child) {
      if (bit == 0) {
        left = child;
      } else {
        right = child;
      }
    }
  }

  private record Leaf(int offset) {}

  /** The database the tests use: a few documentation-range networks with made-up locations. */
  public static void writeTestDatabase(Path file) throws IOException {
    new MaxMindDbWriter("Meshward-Test-City")
        .add(
            "198.51.100.0/24",
            Map.of(
                "country", Map.of("iso_code", "DE", "names", Map.of("en", "Germany")),
                "subdivisions", List.of(Map.of("iso_code", "BY"))))
        .add(
            "203.0.113.0/25",
            Map.of(
                "country", Map.of("iso_code", "US"),
                "subdivisions", List.of(Map.of("iso_code", "CA"))))
        .add(
            "203.0.113.128/25",
            Map.of(
                "country", Map.of("iso_code", "US"),
                "subdivisions", List.of(Map.of("iso_code", "TX"))))
        .add("192.0.2.0/24", Map.of("country", Map.of("iso_code", "KP")))
        .add("2001:db8:1::/48", Map.of("country", Map.of("iso_code", "FR")))
        .add("9.9.9.0/24", Map.of("registered_country", Map.of("iso_code", "CH")))
        .write(file);
  }
}
