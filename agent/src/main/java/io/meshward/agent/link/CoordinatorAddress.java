package io.meshward.agent.link;

/** Where the coordinator listens, as given to {@code --coordinator host:port}. */
public record CoordinatorAddress(String host, int port) {

  public static CoordinatorAddress parse(String text) {
    String value = text == null ? "" : text.strip();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(
          "--coordinator must be host:port (for example coordinator.example.com:8443), got '"
              + value
              + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535 || host.isBlank() || host.contains(" ")) {
      throw new IllegalArgumentException(
          "--coordinator must be host:port with a port from 1 to 65535, got '" + value + "'");
    }
    return new CoordinatorAddress(host, port);
  }

  /** The gRPC target string. */
  public String target() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return target();
  }
}
