package io.meshward.agent.wireguard;

import java.util.regex.Pattern;

/**
 * Renders an {@link InterfaceConfig} in the INI format `wg-quick` reads (and, without the Address
 * line, `wg setconf`). Every value is checked against a strict pattern first: values come from the
 * network and must not be able to add lines or keys to the file.
 */
public final class WgQuickFormat {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");
  private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+/[0-9]{1,3}");
  private static final Pattern ENDPOINT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):[0-9]{1,5}");

  private WgQuickFormat() {}

  public static String render(InterfaceConfig config) {
    StringBuilder out = new StringBuilder();
    out.append("# Written by meshward-agent; changes are overwritten.\n");
    out.append("[Interface]\n");
    out.append("PrivateKey = ").append(requireKey(config.privateKey(), "private")).append('\n');
    out.append("Address = ").append(requireCidr(config.address())).append('\n');
    if (config.listenPort() > 0) {
      out.append("ListenPort = ").append(config.listenPort()).append('\n');
    }
    for (WireGuardPeer peer : config.peers()) {
      out.append('\n').append("[Peer]\n");
      out.append("PublicKey = ").append(requireKey(peer.publicKey(), "public")).append('\n');
      out.append("AllowedIPs = ").append(requireCidr(peer.allowedIps())).append('\n');
      peer.endpoint()
          .ifPresent(
              endpoint -> out.append("Endpoint = ").append(requireEndpoint(endpoint)).append('\n'));
      if (peer.persistentKeepalive() > 0) {
        out.append("PersistentKeepalive = ").append(peer.persistentKeepalive()).append('\n');
      }
    }
    return out.toString();
  }

  /** A mesh address as a host route: "/32" for IPv4, "/128" for IPv6, kept when already given. */
  public static String hostRoute(String meshAddress) {
    String address = meshAddress.strip();
    int slash = address.indexOf('/');
    String host = slash < 0 ? address : address.substring(0, slash);
    return host + (host.contains(":") ? "/128" : "/32");
  }

  public static boolean isValidKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  public static boolean isValidCidr(String cidr) {
    return cidr != null && CIDR.matcher(cidr).matches();
  }

  public static boolean isValidEndpoint(String endpoint) {
    return endpoint != null && ENDPOINT.matcher(endpoint).matches();
  }

  private static String requireKey(String key, String what) {
    if (!isValidKey(key)) {
      throw new IllegalArgumentException("not a WireGuard " + what + " key");
    }
    return key;
  }

  private static String requireCidr(String cidr) {
    if (!isValidCidr(cidr)) {
      throw new IllegalArgumentException("not an address/prefix: " + cidr);
    }
    return cidr;
  }

  private static String requireEndpoint(String endpoint) {
    if (!isValidEndpoint(endpoint)) {
      throw new IllegalArgumentException("not a host:port endpoint: " + endpoint);
    }
    return endpoint;
  }
}
