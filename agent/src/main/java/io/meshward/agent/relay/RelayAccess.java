package io.meshward.agent.relay;

import java.net.InetSocketAddress;

/**
 * Where a relay listens and the secret this agent presents there ({@code RelayInfo} of the network
 * map). The credential is a bearer secret: {@link #toString()} leaves it out.
 */
public record RelayAccess(String address, String credential) {

  public RelayAccess {
    socketAddress(address);
    if (credential == null || credential.isEmpty()) {
      throw new IllegalArgumentException("relay " + address + " came without a credential");
    }
    if (RelayFrames.utf8(credential).length > RelayFrames.MAX_CREDENTIAL_BYTES) {
      throw new IllegalArgumentException(
          "the credential for relay " + address + " is longer than the protocol allows");
    }
  }

  /** The relay's {@code host:port} (IPv6 hosts in brackets) as an unresolved socket address. */
  public InetSocketAddress socketAddress() {
    return socketAddress(address);
  }

  private static InetSocketAddress socketAddress(String address) {
    if (address == null) {
      throw new IllegalArgumentException("relay address missing");
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException(
          "relay address '" + address + "' is not HOST:PORT (for example relay.example.com:3478)");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "relay address '" + address + "': put an IPv6 address in brackets, [addr]:port");
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "relay address '" + address + "' has no valid port (1-65535)");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return "RelayAccess[" + address + "]";
  }
}
