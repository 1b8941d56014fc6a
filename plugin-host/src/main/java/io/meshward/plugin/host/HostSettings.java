package io.meshward.plugin.host;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the host loads and runs plugins.
 *
 * @param pluginDir where operators drop plugin artifacts ({@code *.zip}, {@code *.jar})
 * @param workDir a private directory the host copies and unpacks accepted artifacts into
 * @param requireSigned refuse artifacts without a detached signature by a trusted key
 * @param trustedKeys Ed25519 public keys whose signatures are accepted
 * @param evaluationTimeout how long one check may take before it counts as UNKNOWN
 * @param maxConcurrentPerPlugin evaluations of one plugin that may run at once; a plugin whose
 *     evaluations hang past their deadline uses up only its own share
 * @param maxValidity the longest a result is trusted, whatever the plugin says
 * @param retryAfterFailure how long an UNKNOWN caused by a misbehaving plugin is kept before trying
 *     again
 * @param pluginConfig per-plugin configuration, by plugin id
 */
public record HostSettings(
    Path pluginDir,
    Path workDir,
    boolean requireSigned,
    List<PublicKey> trustedKeys,
    Duration evaluationTimeout,
    int maxConcurrentPerPlugin,
    Duration maxValidity,
    Duration retryAfterFailure,
    Map<String, Map<String, String>> pluginConfig) {

  public HostSettings {
    Objects.requireNonNull(pluginDir, "pluginDir");
    Objects.requireNonNull(workDir, "workDir");
    trustedKeys = List.copyOf(trustedKeys);
    Objects.requireNonNull(evaluationTimeout, "evaluationTimeout");
    Objects.requireNonNull(maxValidity, "maxValidity");
    Objects.requireNonNull(retryAfterFailure, "retryAfterFailure");
    pluginConfig =
        pluginConfig.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    if (evaluationTimeout.isNegative() || evaluationTimeout.isZero()) {
      throw new IllegalArgumentException("evaluationTimeout must be positive");
    }
    if (maxConcurrentPerPlugin < 1) {
      throw new IllegalArgumentException("maxConcurrentPerPlugin must be at least 1");
    }
  }

  /** Unsigned plugins allowed, 2 s deadline, results kept at most an hour. */
  public static HostSettings defaults(Path pluginDir, Path workDir) {
    return new HostSettings(
        pluginDir,
        workDir,
        false,
        List.of(),
        Duration.ofSeconds(2),
        64,
        Duration.ofHours(1),
        Duration.ofSeconds(30),
        Map.of());
  }

  public HostSettings requiringSignatures(List<PublicKey> keys) {
    return new HostSettings(
        pluginDir,
        workDir,
        true,
        keys,
        evaluationTimeout,
        maxConcurrentPerPlugin,
        maxValidity,
        retryAfterFailure,
        pluginConfig);
  }

  public HostSettings withEvaluationTimeout(Duration timeout) {
    return new HostSettings(
        pluginDir,
        workDir,
        requireSigned,
        trustedKeys,
        timeout,
        maxConcurrentPerPlugin,
        maxValidity,
        retryAfterFailure,
        pluginConfig);
  }

  public HostSettings withPluginConfig(Map<String, Map<String, String>> config) {
    return new HostSettings(
        pluginDir,
        workDir,
        requireSigned,
        trustedKeys,
        evaluationTimeout,
        maxConcurrentPerPlugin,
        maxValidity,
        retryAfterFailure,
        config);
  }

  /** The configuration of plugin {@code pluginId}, empty if none. */
  public Map<String, String> configOf(String pluginId) {
    return pluginConfig.getOrDefault(pluginId, Map.of());
  }
}
