package io.meshward.agent.relay;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a relay listens, the secret this agent proves it holds there ({@code RelayInfo} of the
 * network map) and, when known, the relay's id, which its CHALLENGE must then name. The credential
 * is a secret: it never goes on the wire, and {@link #toString()} leaves it out.
 *
 * <p>Today's {@code RelayInfo} carries no relay id, so maps yield an empty {@code relayId} and the
 * check is skipped; a relay impersonating another one still learns nothing it could use elsewhere
 * (docs/relay-protocol.md, "Security notes").
 */
public record RelayAccess(String address, String credential, Optional<String> relayId) {

  public RelayAccess {
    socketAddress(address);
    if (credential == null || credential.isEmpty()) {
      throw new IllegalArgumentException("relay " + address + " came without a credential");
    }
    if (relayId == null) {
      relayId = Optional.empty();
    }
    relayId.ifPresent(
        id -> {
          int bytes = RelayFrames.utf8(id).length;
          if (bytes < 1 || bytes > RelayFrames.MAX_RELAY_ID_BYTES) {
            throw new IllegalArgumentException(
                "relay id '"
                    + id
                    + "' for "
                    + address
                    + " must be 1-"
                    + RelayFrames.MAX_RELAY_ID_BYTES
                    + " bytes of UTF-8");
          }
        });
  }

  /** A relay whose id the map does not say: its CHALLENGE may name any id. */
  public RelayAccess(String address, String credential) {
    this(address, credential, Optional.empty());
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
    return "RelayAccess[" + address + relayId.map(id -> ", " + id).orElse("") + "]";
  }
}
