package io.meshward.plugins.geolocation;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells addresses that no geolocation database can place (private, local, shared) from public ones.
 */
final class AddressScope {

  private AddressScope() {}

  /** Why {@code address} cannot be located, or empty if it is a public address. */
  static Optional<String> whyNotPublic(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      if (first == 100 && second >= 64 && second <= 127) {
        return Optional.of("carrier-grade NAT (100.64.0.0/10)");
      }
      if (first == 0 || first >= 240) {
        return Optional.of("reserved");
      }
    }
    if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
      return Optional.of("unique local (fc00::/7)");
    }
    return Optional.empty();
  }
}
