package io.meshward.agent.dataplane;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address with a prefix length, parsed strictly from literals (never resolved
 * through DNS). {@link #toString()} gives the network form, for example {@code 10.1.2.0/24}.
 */
public record Cidr(byte[] network, int prefixLength) {

  public Cidr {
    network = network.clone();
    int bits = network.length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range");
    }
    for (int bit = prefixLength; bit < bits; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
  }

  /** Parses {@code address/prefix}, or a bare address as a host prefix (/32 or /128). */
  public static Cidr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an address/prefix is required");
    }
    String value = text.strip();
    int slash = value.indexOf('/');
    String host = slash < 0 ? value : value.substring(0, slash);
    byte[] address = parseAddress(host, text);
    int prefix = address.length * 8;
    if (slash >= 0) {
      String digits = value.substring(slash + 1);
      if (!digits.matches("[0-9]{1,3}")) {
        throw new IllegalArgumentException("not an address/prefix: " + text);
      }
      prefix = Integer.parseInt(digits);
    }
    return new Cidr(address, prefix);
  }

  public boolean isIpv6() {
    return network.length == 16;
  }

  public boolean isHost() {
    return prefixLength == network.length * 8;
  }

  /** Whether every address of {@code other} lies inside this prefix. */
  public boolean contains(Cidr other) {
    if (other.network.length != network.length || other.prefixLength < prefixLength) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (other.network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The address alone, without the prefix length. */
  public String address() {
    try {
      String text = InetAddress.getByAddress(network).getHostAddress();
      return isIpv6() ? compressIpv6(text) : text;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return address() + "/" + prefixLength;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that
        && prefixLength == that.prefixLength
        && java.util.Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  private static byte[] parseAddress(String host, String original) {
    if (host.contains(":")) {
      if (!host.matches("[0-9A-Fa-f:.]+")) {
        throw new IllegalArgumentException("not an address/prefix: " + original);
      }
      try {
        // With a colon the JDK treats the text as an IPv6 literal; it never looks it up.
        byte[] address = InetAddress.getByName(host).getAddress();
        if (address.length != 16) {
          throw new IllegalArgumentException("not an IPv6 address: " + original);
        }
        return address;
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an address/prefix: " + original);
      }
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an address/prefix: " + original);
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
        throw new IllegalArgumentException("not an address/prefix: " + original);
      }
      address[i] = (byte) Integer.parseInt(parts[i]);
    }
    return address;
  }

  /** The JDK prints every IPv6 group; tools print the RFC 5952 form, so compare in that form. */
  private static String compressIpv6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; ) {
      if (Integer.parseInt(groups[i], 16) != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < groups.length && Integer.parseInt(groups[i], 16) == 0) {
        i++;
      }
      if (i - start > bestLength && i - start > 1) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < groups.length; i++) {
      if (i == bestStart) {
        out.append(i == 0 ? "::" : ":");
        i += bestLength - 1;
        continue;
      }
      out.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
      if (i < groups.length - 1) {
        out.append(':');
      }
    }
    return out.toString();
  }
}
