package io.meshward.relay.policy;

/**
 * The allowed pairs of one snapshot as an open-addressing hash set of primitive longs: the key of
 * an unordered pair is its smaller peer int in the high half and the larger in the low half. Built
 * once per snapshot, then only read (by every event loop at once), so no locking and no boxing.
 */
public final class PairSet {

  private static final PairSet EMPTY = new Builder(0).build();

  private final long[] table; // 0 = empty slot; peer ints start at 1, so no pair key is 0
  private final int mask;
  private final int size;

  private PairSet(long[] table, int size) {
    this.table = table;
    this.mask = table.length - 1;
    this.size = size;
  }

  public static PairSet empty() {
    return EMPTY;
  }

  public static long key(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return ((long) lo << 32) | (hi & 0xffffffffL);
  }

  public boolean contains(int a, int b) {
    long key = key(a, b);
    for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
      long candidate = table[slot];
      if (candidate == key) {
        return true;
      }
      if (candidate == 0) {
        return false;
      }
    }
  }

  public int size() {
    return size;
  }

  private static int mix(long key) {
    // murmur3 fmix64: spreads the two small ints over the whole table.
    key ^= key >>> 33;
    key *= 0xff51afd7ed558ccdL;
    key ^= key >>> 33;
    key *= 0xc4ceb9fe1a85ec53L;
    key ^= key >>> 33;
    return (int) key;
  }

  /** Collects pairs, then freezes them; load factor stays at or below one half. */
  public static final class Builder {
    private long[] table;
    private int size;

    public Builder(int expectedPairs) {
      table = new long[capacityFor(expectedPairs)];
    }

    /** Adds {a,b}; a pair of a peer with itself is meaningless and ignored. */
    public Builder add(int a, int b) {
      if (a <= 0 || b <= 0 || a == b) {
        return this;
      }
      if ((size + 1) * 2 > table.length) {
        rehash(table.length * 2);
      }
      if (insert(table, key(a, b))) {
        size++;
      }
      return this;
    }

    public PairSet build() {
      return new PairSet(table, size);
    }

    private void rehash(int capacity) {
      long[] bigger = new long[capacity];
      for (long key : table) {
        if (key != 0) {
          insert(bigger, key);
        }
      }
      table = bigger;
    }

    private static boolean insert(long[] table, long key) {
      int mask = table.length - 1;
      for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
        if (table[slot] == key) {
          return false;
        }
        if (table[slot] == 0) {
          table[slot] = key;
          return true;
        }
      }
    }

    private static int capacityFor(int pairs) {
      int wanted = Math.max(8, pairs * 2);
      return Integer.highestOneBit(wanted - 1) << 1;
    }
  }
}
