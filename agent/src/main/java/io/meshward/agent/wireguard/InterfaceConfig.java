package io.meshward.agent.wireguard;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The desired state of this device's WireGuard interface. A private key: {@link #toString()} leaves
 * it out.
 */
public record InterfaceConfig(
    String interfaceName,
    String privateKey,
    String address,
    int listenPort,
    List<WireGuardPeer> peers) {

  private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_=+.-]{1,15}");

  public InterfaceConfig {
    requireInterfaceName(interfaceName);
    peers = List.copyOf(peers);
  }

  /** Linux interface names: at most 15 characters, no slashes or spaces. */
  public static String requireInterfaceName(String name) {
    if (name == null || !INTERFACE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "interface name '"
              + name
              + "' is not valid: use 1-15 letters, digits or _=+.- (for example meshward0)");
    }
    return name;
  }

  @Override
  public String toString() {
    return "InterfaceConfig[" + interfaceName + ", " + address + ", " + peers.size() + " peers]";
  }
}
