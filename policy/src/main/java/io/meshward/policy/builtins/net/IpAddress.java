package io.meshward.policy.builtins.net;

/**
 * An IPv4 or IPv6 address as 128 bits, parsed and printed like Go's {@code net} package: IPv4
 * addresses live in the IPv4-mapped range {@code ::ffff:0:0/96} and are written dotted.
 *
 * @param hi the first 64 bits
 * @param lo the last 64 bits
 */
record IpAddress(long hi, long lo) {

  static final long V4_MAPPED_MARKER = 0xffffL << 32;

  static IpAddress v4(long bits32) {
    return new IpAddress(0, V4_MAPPED_MARKER | (bits32 & 0xffffffffL));
  }

  /** Whether Go treats this address as IPv4 (it is in {@code ::ffff:0:0/96}). */
  boolean isV4() {
    return hi == 0 && (lo >>> 32) == 0xffffL;
  }

  /**
   * Parses an address as Go's {@code net.ParseIP} does: dotted IPv4 without leading zeros, or IPv6
   * (optionally ending in dotted IPv4), no zone. Returns null when the text is not one.
   */
  static IpAddress parse(String s) {
    return parse(s, 0, s.length());
  }

  /** Whether text[from, to) is dotted IPv4 (so a CIDR has 32 bits rather than 128). */
  static boolean looksLikeV4(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == ':') {
        return false;
      }
    }
    return true;
  }

  static IpAddress parse(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        long v4 = parseV4(s, from, to);
        return v4 < 0 ? null : v4(v4);
      }
      if (c == ':') {
        return parseV6(s, from, to);
      }
    }
    return null;
  }

  /** Dotted IPv4 as a non-negative 32-bit value, or -1. */
  static long parseV4(String s, int from, int to) {
    long result = 0;
    int fields = 0;
    int i = from;
    while (i <= to) {
      int start = i;
      int value = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        if (value > 255) {
          return -1;
        }
        i++;
      }
      int digits = i - start;
      if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      result = (result << 8) | value;
      fields++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || fields == 4) {
        return -1;
      }
      i++;
    }
    return fields == 4 ? result : -1;
  }

  private static IpAddress parseV6(String s, int from, int to) {
    int[] groups = new int[8];
    int count = 0;
    int ellipsis = -1;
    int i = from;
    if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
      ellipsis = 0;
      i = from + 2;
      if (i == to) {
        return new IpAddress(0, 0);
      }
    }
    while (i < to) {
      int start = i;
      int value = 0;
      while (i < to && hex(s.charAt(i)) >= 0) {
        value = (value << 4) | hex(s.charAt(i));
        i++;
        if (i - start > 4) {
          return null;
        }
      }
      if (i == start) {
        return null;
      }
      if (i < to && s.charAt(i) == '.') {
        // trailing dotted IPv4 takes two groups
        if (ellipsis < 0 && count != 6) {
          return null;
        }
        if (count + 2 > 8) {
          return null;
        }
        long v4 = parseV4(s, start, to);
        if (v4 < 0) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xffff);
        i = to;
        break;
      }
      if (count == 8) {
        return null;
      }
      groups[count++] = value;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = count;
        i++;
        if (i == to) {
          break;
        }
      } else if (i == to) {
        return null;
      }
    }
    if (ellipsis >= 0) {
      if (count == 8) {
        return null;
      }
      int shift = 8 - count;
      for (int j = count - 1; j >= ellipsis; j--) {
        groups[j + shift] = groups[j];
      }
      for (int j = ellipsis; j < ellipsis + shift; j++) {
        groups[j] = 0;
      }
    } else if (count != 8) {
      return null;
    }
    long hi = 0;
    long lo = 0;
    for (int j = 0; j < 4; j++) {
      hi = (hi << 16) | groups[j];
      lo = (lo << 16) | groups[j + 4];
    }
    return new IpAddress(hi, lo);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** From 4 or 16 raw bytes. */
  static IpAddress fromBytes(byte[] b) {
    if (b.length == 4) {
      return v4(
          ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL));
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xffL);
      lo = (lo << 8) | (b[i + 8] & 0xffL);
    }
    return new IpAddress(hi, lo);
  }

  /** Go's {@code IP.String()}: dotted for IPv4, RFC 5952 for IPv6. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(39);
    appendTo(out);
    return out.toString();
  }

  void appendTo(StringBuilder out) {
    if (isV4()) {
      out.append((lo >>> 24) & 0xff)
          .append('.')
          .append((lo >>> 16) & 0xff)
          .append('.')
          .append((lo >>> 8) & 0xff)
          .append('.')
          .append(lo & 0xff);
      return;
    }
    int zeroStart = -1;
    int zeroEnd = -1;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && group(j) == 0) {
        j++;
      }
      if (j - i >= 2 && j - i > zeroEnd - zeroStart) {
        zeroStart = i;
        zeroEnd = j;
      }
    }
    for (int i = 0; i < 8; i++) {
      if (i == zeroStart) {
        out.append("::");
        i = zeroEnd - 1;
        continue;
      }
      if (i > 0 && i != zeroEnd) {
        out.append(':');
      }
      out.append(Integer.toHexString(group(i)));
    }
  }

  private int group(int i) {
    long word = i < 4 ? hi : lo;
    return (int) ((word >>> (48 - 16 * (i & 3))) & 0xffff);
  }
}
