package io.meshward.coordinator.relays;

import java.net.URI;
import java.net.URISyntaxException;

/** The agent-facing address of a relay: {@code host:port}, host a name or an IP ([v6] quoted). */
final class RelayAddress {

  static final int MAX_LENGTH = 300;

  private RelayAddress() {}

  /**
   * @return what is wrong with the address, or null if it is a usable host:port
   */
  static String problem(String address) {
    if (address == null || address.isBlank()) {
      return "must be host:port, e.g. relay.example.net:3478";
    }
    if (address.length() > MAX_LENGTH) {
      return "is longer than " + MAX_LENGTH + " characters";
    }
    try {
      URI uri = new URI("tcp://" + address);
      if (uri.getHost() == null
          || uri.getPort() < 1
          || uri.getPort() > 65535
          || uri.getUserInfo() != null
          || uri.getQuery() != null
          || uri.getFragment() != null
          || (uri.getPath() != null && !uri.getPath().isEmpty())) {
        return "'" + address + "' is not host:port with a port from 1 to 65535";
      }
    } catch (URISyntaxException e) {
      return "'" + address + "' is not host:port with a port from 1 to 65535";
    }
    return null;
  }
}
