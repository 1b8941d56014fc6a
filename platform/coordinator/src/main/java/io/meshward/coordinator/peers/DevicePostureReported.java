package io.meshward.coordinator.peers;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * A device reported posture facts (flat dotted keys such as {@code os.version}; values are JSON
 * values as plain Java: String, Number, Boolean, List, Map, or null), from {@code address} when the
 * transport tells it. Published after the report is stored; the posture plugin host turns the facts
 * (and the address, for geolocation) into verdicts.
 */
public record DevicePostureReported(
    String accountId, String peerId, Map<String, Object> facts, Optional<InetAddress> address) {

  public DevicePostureReported(String accountId, String peerId, Map<String, Object> facts) {
    this(accountId, peerId, facts, Optional.empty());
  }
}
