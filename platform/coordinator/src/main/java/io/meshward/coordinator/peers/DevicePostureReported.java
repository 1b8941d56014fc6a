package io.meshward.coordinator.peers;

import java.util.Map;

/**
 * A device reported posture facts (flat dotted keys such as {@code os.version}; values are JSON
 * values as plain Java: String, Number, Boolean, List, Map, or null). Published after the report is
 * stored; the posture plugin host turns the facts into verdicts.
 */
public record DevicePostureReported(String accountId, String peerId, Map<String, Object> facts) {}
