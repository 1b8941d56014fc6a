package io.meshward.agent.wireguard;

import java.util.Optional;

/** One [Peer] section: a remote device this one may reach. */
public record WireGuardPeer(String publicKey, String allowedIps, Optional<String> endpoint) {}
