package io.meshward.coordinator.enrolment;

import java.util.BitSet;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * Picks the lowest free IPv4 address of an account's range (network and broadcast addresses
 * excluded). Callers hold the account lock, so two enrolments never pick the same address; the
 * database's unique constraint is the backstop.
 */
final class MeshAddressAllocator {

  record Range(int network, int prefixLength) {

    static Range parse(String cidr) {
      String[] parts = cidr.split("/");
      if (parts.length != 2) {
        throw new IllegalArgumentException("not a CIDR range: " + cidr);
      }
      int prefix = Integer.parseInt(parts[1]);
      if (prefix < 8 || prefix > 30) {
        throw new IllegalArgumentException("mesh range prefix must be /8 to /30: " + cidr);
      }
      int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
      return new Range(toInt(parts[0]) & mask, prefix);
    }

    long size() {
      return 1L << (32 - prefixLength);
    }
  }

  private MeshAddressAllocator() {}

  static OptionalInt firstFree(Range range, Collection<String> used) {
    long size = range.size();
    // Only offsets up to used.size() + 2 can be the first free one: no need for a huge bitmap.
    int window = (int) Math.min(size, used.size() + 2L);
    BitSet taken = new BitSet(window);
    for (String address : used) {
      long offset =
          Integer.toUnsignedLong(toInt(address)) - Integer.toUnsignedLong(range.network());
      if (offset >= 0 && offset < window) {
        taken.set((int) offset);
      }
    }
    for (int offset = 1; offset < size - 1; offset++) {
      if (offset >= window || !taken.get(offset)) {
        return OptionalInt.of(range.network() + offset);
      }
    }
    return OptionalInt.empty();
  }

  static int toInt(String dotted) {
    String[] octets = dotted.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    int value = 0;
    for (String octet : octets) {
      int part = Integer.parseInt(octet);
      if (part < 0 || part > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      value = (value << 8) | part;
    }
    return value;
  }

  static String toDotted(int address) {
    return ((address >>> 24) & 0xff)
        + "."
        + ((address >>> 16) & 0xff)
        + "."
        + ((address >>> 8) & 0xff)
        + "."
        + (address & 0xff);
  }
}
