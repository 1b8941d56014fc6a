package io.meshward.plugin.api;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the host gives a check for one evaluation. A check must answer before {@link #deadline()};
 * past it the host stops waiting, interrupts the check and records UNKNOWN.
 */
public interface CheckContext {

  /** When the host stops waiting for this evaluation. */
  Instant deadline();

  /** Time left until the deadline, never negative; use it as the timeout of outgoing calls. */
  default Duration remaining() {
    Duration left = Duration.between(Instant.now(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** A shared HTTP client for calling outside services (an EDR or MDM). */
  HttpClient httpClient();

  /** The operator's configuration for this plugin. */
  Map<String, String> config();

  /** The configuration value {@code key}, if set and not blank. */
  default Optional<String> setting(String key) {
    return Optional.ofNullable(config().get(key)).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** This plugin's logger. */
  PluginLog log();
}
