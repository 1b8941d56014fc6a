package io.meshward.coordinator.posture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the posture-plugin host ({@code meshward.posture.*}).
 *
 * @param pluginDir where operators drop plugin artifacts; default {@code <data-dir>/plugins}
 * @param requireSigned refuse plugins without a valid detached signature ({@code <artifact>.sig})
 * @param trustedKeys PEM files of the Ed25519 public keys whose signatures are accepted
 * @param evaluationTimeout how long one plugin may take for one device (default 2 s)
 * @param refreshInterval how often expired results are evaluated again (default 15 s)
 * @param maxConcurrentPerPlugin evaluations of one plugin running at once (default 64)
 * @param maxValidity the longest any result is trusted (default 1 h)
 * @param retryAfterFailure how long an UNKNOWN from a misbehaving plugin stands (default 30 s)
 * @param plugins each plugin's configuration, by plugin id: {@code
 *     meshward.posture.plugins.os-version.min-windows=10.0.22631}
 */
@ConfigurationProperties("meshward.posture")
public record PostureProperties(
    Path pluginDir,
    boolean requireSigned,
    List<Path> trustedKeys,
    Duration evaluationTimeout,
    Duration refreshInterval,
    Integer maxConcurrentPerPlugin,
    Duration maxValidity,
    Duration retryAfterFailure,
    Map<String, Map<String, String>> plugins) {

  public PostureProperties {
    trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
    evaluationTimeout = evaluationTimeout == null ? Duration.ofSeconds(2) : evaluationTimeout;
    refreshInterval = refreshInterval == null ? Duration.ofSeconds(15) : refreshInterval;
    maxConcurrentPerPlugin = maxConcurrentPerPlugin == null ? 64 : maxConcurrentPerPlugin;
    maxValidity = maxValidity == null ? Duration.ofHours(1) : maxValidity;
    retryAfterFailure = retryAfterFailure == null ? Duration.ofSeconds(30) : retryAfterFailure;
    plugins = plugins == null ? Map.of() : plugins;
  }
}
