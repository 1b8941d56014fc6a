package io.meshward.policy.builtins.net;

import java.math.BigInteger;

/**
 * A CIDR block as Go's {@code net.ParseCIDR} makes it, normalised the way Go compares and prints
 * it: blocks inside {@code ::ffff:0:0/96} behave as IPv4 blocks.
 *
 * @param network the first address (host bits cleared)
 * @param bits prefix length counted over all 128 bits (an IPv4 /24 is 120 here)
 */
record IpPrefix(IpAddress network, int bits) {

  /** Parses "addr/len"; null when Go would reject it. */
  static IpPrefix parse(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    IpAddress address = IpAddress.parse(s, 0, slash);
    if (address == null) {
      return null;
    }
    int length = 0;
    int digits = 0;
    for (int i = slash + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      length = length * 10 + (c - '0');
      digits++;
      if (length > 0xffffff) {
        return null;
      }
    }
    boolean v4Text = IpAddress.looksLikeV4(s, 0, slash);
    int max = v4Text ? 32 : 128;
    if (digits == 0 || length > max) {
      return null;
    }
    return of(address, v4Text ? length + 96 : length);
  }

  /** The block of {@code bits128} leading bits containing {@code address}. */
  static IpPrefix of(IpAddress address, int bits128) {
    long hiMask = mask(bits128);
    long loMask = mask(bits128 - 64);
    return new IpPrefix(new IpAddress(address.hi() & hiMask, address.lo() & loMask), bits128);
  }

  private static long mask(int bits) {
    if (bits <= 0) {
      return 0;
    }
    if (bits >= 64) {
      return -1L;
    }
    return -1L << (64 - bits);
  }

  boolean isV4() {
    return network.isV4();
  }

  /** Go's {@code IPNet.Contains}: same family (IPv4 or not) and the prefix bits agree. */
  boolean contains(IpAddress ip) {
    if (ip.isV4() != network.isV4()) {
      return false;
    }
    int effective = network.isV4() ? Math.max(bits, 96) : bits;
    return ((ip.hi() ^ network.hi()) & mask(effective)) == 0
        && ((ip.lo() ^ network.lo()) & mask(effective - 64)) == 0;
  }

  /** The last address of the block. */
  IpAddress last() {
    return new IpAddress(network.hi() | ~mask(bits), network.lo() | ~mask(bits - 64));
  }

  /** Prefix length as Go prints it (32-bit count for IPv4). */
  int printedLength() {
    return network.isV4() ? Math.max(0, bits - 96) : bits;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(43);
    network.appendTo(out);
    return out.append('/').append(printedLength()).toString();
  }

  BigInteger firstInteger() {
    return toInteger(network);
  }

  BigInteger lastInteger() {
    return toInteger(last());
  }

  static BigInteger toInteger(IpAddress a) {
    return new BigInteger(Long.toUnsignedString(a.hi()))
        .shiftLeft(64)
        .or(new BigInteger(Long.toUnsignedString(a.lo())));
  }

  static IpAddress fromInteger(BigInteger value) {
    return new IpAddress(value.shiftRight(64).longValue(), value.longValue());
  }
}
