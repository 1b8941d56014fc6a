package io.meshward.policy.server;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}, like OPA's {@code
 * --authentication=token}. Only a digest of the token is kept; comparison is constant-time.
 */
final class BearerTokenFilter extends Filter {

  private static final String PREFIX = "Bearer ";

  private final byte[] expectedDigest;

  BearerTokenFilter(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the bearer token must not be blank");
    }
    this.expectedDigest = digest(token);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null
        && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        && MessageDigest.isEqual(expectedDigest, digest(header.substring(PREFIX.length())))) {
      chain.doFilter(exchange);
      return;
    }
    exchange.getRequestBody().close();
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    OpaResponses.error(
        exchange,
        401,
        OpaResponses.UNAUTHORIZED,
        "send the server's token as 'Authorization: Bearer <token>'");
  }

  @Override
  public String description() {
    return "bearer token authentication";
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
