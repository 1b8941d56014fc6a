package io.meshward.agent.wireguard;

import java.util.Optional;

/**
 * One [Peer] section: a remote device this one may reach.
 *
 * @param persistentKeepalive seconds between keepalives, 0 for none; a non-zero value also makes
 *     WireGuard start a handshake as soon as the peer is configured, which is what tells a direct
 *     path from a dead one before any traffic flows
 */
public record WireGuardPeer(
    String publicKey, String allowedIps, Optional<String> endpoint, int persistentKeepalive) {

  /** WireGuard's own limit for the keepalive interval. */
  public static final int MAX_KEEPALIVE_SECONDS = 65535;

  public WireGuardPeer {
    if (persistentKeepalive < 0 || persistentKeepalive > MAX_KEEPALIVE_SECONDS) {
      throw new IllegalArgumentException(
          "persistent keepalive " + persistentKeepalive + " is not 0-65535 seconds");
    }
  }

  /** A peer without persistent keepalive. */
  public WireGuardPeer(String publicKey, String allowedIps, Optional<String> endpoint) {
    this(publicKey, allowedIps, endpoint, 0);
  }
}
