package io.meshward.coordinator.posture;

import io.meshward.plugin.api.Verdict;
import java.util.Optional;

/**
 * A posture plugin's verdict about a device changed (or was given for the first time). Published as
 * a Spring application event; the network map listens to recompute what the device may reach.
 *
 * @param accountId the device's account, empty if the report came without one
 * @param deviceId the device (peer) id
 * @param pluginId the plugin whose verdict changed
 * @param previous the verdict before, empty for the first one
 * @param current the verdict now
 * @param reason why, in the plugin's (or the host's) words
 */
public record PostureVerdictChanged(
    Optional<String> accountId,
    String deviceId,
    String pluginId,
    Optional<Verdict> previous,
    Verdict current,
    String reason) {}
