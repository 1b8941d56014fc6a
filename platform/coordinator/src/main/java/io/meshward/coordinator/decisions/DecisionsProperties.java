package io.meshward.coordinator.decisions;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How connection decisions are made ({@code meshward.decisions.*}).
 *
 * @param engine {@code rego} (in-process, default) or {@code opa} (an OPA server over HTTP)
 * @param timeout time budget of one pair's evaluation (default 200 ms); running out denies
 * @param stepLimit evaluation steps allowed per pair for the in-process engine (default 1,000,000)
 * @param testTimeout time budget of each {@code test_*} rule when a bundle is uploaded (default 5
 *     s)
 * @param cacheSize decisions remembered per active bundle, keyed by what the policy reads of both
 *     peers (default 200,000)
 * @param opa where the OPA server is, for {@code engine=opa}
 */
@ConfigurationProperties("meshward.decisions")
public record DecisionsProperties(
    EngineKind engine,
    Duration timeout,
    Long stepLimit,
    Duration testTimeout,
    Integer cacheSize,
    Opa opa) {

  /**
   * @param url OPA's base address, e.g. {@code http://127.0.0.1:8181}
   * @param token bearer token OPA requires, or empty
   * @param connectTimeout how long to wait for a connection (default 2 s)
   */
  public record Opa(URI url, String token, Duration connectTimeout) {
    public Opa {
      connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
      token = token == null || token.isBlank() ? null : token.strip();
    }
  }

  public DecisionsProperties {
    engine = engine == null ? EngineKind.REGO : engine;
    timeout = timeout == null ? Duration.ofMillis(200) : timeout;
    stepLimit = stepLimit == null ? 1_000_000L : stepLimit;
    testTimeout = testTimeout == null ? Duration.ofSeconds(5) : testTimeout;
    cacheSize = cacheSize == null ? 200_000 : cacheSize;
    opa = opa == null ? new Opa(null, null, null) : opa;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("meshward.decisions.timeout must be positive");
    }
    if (stepLimit <= 0) {
      throw new IllegalArgumentException("meshward.decisions.step-limit must be positive");
    }
    if (engine == EngineKind.OPA && opa.url() == null) {
      throw new IllegalArgumentException(
          "meshward.decisions.engine=opa needs meshward.decisions.opa.url, e.g."
              + " http://127.0.0.1:8181");
    }
  }

  /** Defaults: the in-process engine. */
  public static DecisionsProperties defaults() {
    return new DecisionsProperties(null, null, null, null, null, null);
  }
}
