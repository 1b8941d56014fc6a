package io.meshward.policy.engine.opa;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach an OPA server.
 *
 * @param baseUri OPA's address, e.g. {@code http://127.0.0.1:8181}; no credentials in it
 * @param connectTimeout how long to wait for a TCP connection
 * @param bearerToken sent as {@code Authorization: Bearer ...}, or null for none; never logged
 * @param maxResponseBytes the largest answer accepted; larger ones are a bad response
 */
public record OpaHttpSettings(
    URI baseUri, Duration connectTimeout, String bearerToken, int maxResponseBytes) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  public OpaHttpSettings {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    String scheme = baseUri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "OPA address must start with http:// or https://, got '" + baseUri + "'");
    }
    if (baseUri.getHost() == null) {
      throw new IllegalArgumentException("OPA address has no host: '" + baseUri + "'");
    }
    if (baseUri.getRawUserInfo() != null) {
      // Credentials in URLs end up in logs and failure reasons; the token has its own field.
      throw new IllegalArgumentException(
          "OPA address must not contain credentials; pass a bearer token instead");
    }
    if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "OPA address must not have a query or fragment: '" + baseUri + "'");
    }
    if (connectTimeout.isZero() || connectTimeout.isNegative()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    if (bearerToken != null && (bearerToken.isBlank() || bearerToken.matches(".*[\\r\\n].*"))) {
      throw new IllegalArgumentException("bearer token must be non-blank and on one line");
    }
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be positive, got " + maxResponseBytes);
    }
  }

  /** Defaults for everything but the address: 2 s connect timeout, no token, 16 MiB answers. */
  public static OpaHttpSettings of(URI baseUri) {
    return new OpaHttpSettings(baseUri, DEFAULT_CONNECT_TIMEOUT, null, DEFAULT_MAX_RESPONSE_BYTES);
  }

  public OpaHttpSettings withBearerToken(String token) {
    return new OpaHttpSettings(baseUri, connectTimeout, token, maxResponseBytes);
  }

  public OpaHttpSettings withConnectTimeout(Duration timeout) {
    return new OpaHttpSettings(baseUri, timeout, bearerToken, maxResponseBytes);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "OpaHttpSettings[baseUri="
        + baseUri
        + ", connectTimeout="
        + connectTimeout
        + ", bearerToken="
        + (bearerToken == null ? "none" : "***")
        + ", maxResponseBytes="
        + maxResponseBytes
        + "]";
  }
}
