package io.meshward.relay.policy;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Interns peer ids (their UTF-8 bytes) to small positive ints, so the per-packet path compares ints
 * instead of strings. Immutable: a new snapshot extends the previous index, which keeps every int
 * already handed out stable for connected sessions.
 *
 * <p>Lookups from a frame buffer allocate nothing: the caller lends a scratch array.
 */
public final class PeerIndex {

  /** Returned by the lookups when the id is not interned. */
  public static final int ABSENT = -1;

  private static final PeerIndex EMPTY = new PeerIndex(new byte[0][], 0);

  // Slot i holds key bytes (null = empty) and the id assigned to it; ids start at 1.
  private final byte[][] keys;
  private final int[] ids;
  private final int[] hashes;
  private final int mask;
  private final int size;
  // id -> key bytes, for callers that need the id back (logs, rewriting).
  private final byte[][] byId;

  private PeerIndex(byte[][] orderedKeys, int size) {
    this.size = size;
    int capacity = Integer.highestOneBit(Math.max(4, size * 2) - 1) << 1;
    this.keys = new byte[capacity][];
    this.ids = new int[capacity];
    this.hashes = new int[capacity];
    this.mask = capacity - 1;
    this.byId = new byte[size + 1][];
    for (int id = 1; id <= size; id++) {
      byte[] key = orderedKeys[id];
      int hash = hash(key, key.length);
      int slot = hash & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      ids[slot] = id;
      hashes[slot] = hash;
      byId[id] = key;
    }
  }

  public static PeerIndex empty() {
    return EMPTY;
  }

  /** This index plus every id in {@code peerIds} not yet interned; existing ints are unchanged. */
  public PeerIndex extendedWith(Collection<String> peerIds) {
    byte[][] ordered = Arrays.copyOf(byId, byId.length + peerIds.size());
    int next = size;
    Set<String> added = new HashSet<>();
    for (String peerId : peerIds) {
      if (indexOf(peerId) == ABSENT && added.add(peerId)) {
        ordered[++next] = peerId.getBytes(StandardCharsets.UTF_8);
      }
    }
    return next == size ? this : new PeerIndex(ordered, next);
  }

  public int size() {
    return size;
  }

  public int indexOf(String peerId) {
    byte[] bytes = peerId.getBytes(StandardCharsets.UTF_8);
    return indexOf(bytes, bytes.length);
  }

  /**
   * The int of the id stored in {@code buf[offset, offset+length)}, or {@link #ABSENT}. The id is
   * copied once into {@code scratch} (at least {@code length} bytes, owned by the caller and reused
   * per packet): one bulk copy, then hashing and comparing run on a plain array, which is several
   * times faster than reading a buffer byte by byte.
   */
  public int indexOf(ByteBuf buf, int offset, int length, byte[] scratch) {
    buf.getBytes(offset, scratch, 0, length);
    return indexOf(scratch, length);
  }

  /** The int of the id in {@code bytes[0, length)}, or {@link #ABSENT}. */
  public int indexOf(byte[] bytes, int length) {
    int hash = hash(bytes, length);
    for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash
          && Arrays.equals(keys[slot], 0, keys[slot].length, bytes, 0, length)) {
        return ids[slot];
      }
    }
    return ABSENT;
  }

  /** The UTF-8 bytes of an interned id; callers must not modify them. */
  public byte[] idBytes(int index) {
    return byId[index];
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // Eight bytes per step, then the tail; identical for every caller since all hash arrays.
  private static int hash(byte[] bytes, int length) {
    long h = 0x9E3779B97F4A7C15L ^ length;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      h = Long.rotateLeft(h ^ (long) LONGS.get(bytes, i), 29) * 0xbf58476d1ce4e5b9L;
    }
    for (; i < length; i++) {
      h = (h ^ (bytes[i] & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 32;
    h *= 0x94d049bb133111ebL;
    return (int) (h ^ (h >>> 29));
  }
}
