package io.meshward.policy.server;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.meshward.policy.engine.PolicyEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OPA-compatible REST server in front of any {@link PolicyEngine}: the Data API under {@code
 * /v1/data} and {@code /health}. It does not own the engine: closing the server leaves it open.
 */
public final class OpaServer implements AutoCloseable {

  /**
   * How the server behaves.
   *
   * @param evalTimeout the budget of each evaluation; a runaway policy fails the request with 500
   * @param bearerToken when set, every endpoint but {@code /health} requires it; never logged
   * @param maxBodyBytes the largest request body accepted
   */
  public record Settings(Duration evalTimeout, String bearerToken, int maxBodyBytes) {

    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), null, 8 << 20);

    public Settings {
      Objects.requireNonNull(evalTimeout, "evalTimeout");
      if (evalTimeout.isZero() || evalTimeout.isNegative()) {
        throw new IllegalArgumentException("evalTimeout must be positive, got " + evalTimeout);
      }
      if (bearerToken != null && bearerToken.isBlank()) {
        throw new IllegalArgumentException("bearer token must not be blank");
      }
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
      }
    }

    public Settings withBearerToken(String token) {
      return new Settings(evalTimeout, token, maxBodyBytes);
    }

    public Settings withEvalTimeout(Duration timeout) {
      return new Settings(timeout, bearerToken, maxBodyBytes);
    }

    @Override
    public String toString() {
      return "Settings[evalTimeout="
          + evalTimeout
          + ", bearerToken="
          + (bearerToken == null ? "none" : "***")
          + ", maxBodyBytes="
          + maxBodyBytes
          + "]";
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private OpaServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds and starts serving; port 0 picks a free port (see {@link #address()}). */
  public static OpaServer start(InetSocketAddress address, PolicyEngine engine, Settings settings)
      throws IOException {
    return start(address, engine, settings, ServerLog.silent());
  }

  static OpaServer start(
      InetSocketAddress address, PolicyEngine engine, Settings settings, ServerLog log)
      throws IOException {
    Objects.requireNonNull(engine, "engine");
    HttpServer server = HttpServer.create(address, 0);
    HttpContext data =
        server.createContext(
            DataApiHandler.PREFIX,
            new DataApiHandler(engine, settings.evalTimeout(), settings.maxBodyBytes(), log));
    HttpContext fallback =
        server.createContext(
            "/",
            exchange -> {
              try (exchange) {
                exchange.getRequestBody().close();
                OpaResponses.error(
                    exchange,
                    404,
                    OpaResponses.NOT_FOUND,
                    "no such endpoint: "
                        + exchange.getRequestURI().getRawPath()
                        + " (this server answers /v1/data and /health)");
              }
            });
    if (settings.bearerToken() != null) {
      BearerTokenFilter auth = new BearerTokenFilter(settings.bearerToken());
      data.getFilters().add(auth);
      fallback.getFilters().add(auth);
    }
    server.createContext("/health", new HealthHandler());
    // Evaluations are bounded by their budget, so a thread per request cannot pile up forever.
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    return new OpaServer(server, executor);
  }

  /** Where the server listens, with the real port when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** {@code http://host:port}, for clients. */
  public URI baseUri() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort());
  }

  /** Stops accepting, lets running requests finish for up to {@code grace}, then stops. */
  public void stop(Duration grace) {
    server.stop((int) Math.max(0, Math.min(Integer.MAX_VALUE, grace.toSeconds())));
    executor.shutdownNow();
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }
}
