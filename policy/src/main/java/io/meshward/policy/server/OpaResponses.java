package io.meshward.policy.server;

import com.sun.net.httpserver.HttpExchange;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes answers the way OPA's REST API shapes them: JSON bodies, {@code {code, message}} errors.
 */
final class OpaResponses {

  /** OPA's error codes used here. */
  static final String INVALID_PARAMETER = "invalid_parameter";

  static final String INTERNAL_ERROR = "internal_error";
  static final String NOT_FOUND = "resource_not_found";
  static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  static final String UNAUTHORIZED = "unauthorized";

  private OpaResponses() {}

  static void json(HttpExchange exchange, int status, Value body, boolean pretty)
      throws IOException {
    byte[] bytes =
        (pretty ? Json.writePretty(body) : Json.write(body)).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    json(
        exchange,
        status,
        ObjectValue.ofStrings("code", StringValue.of(code), "message", StringValue.of(message)),
        false);
  }
}
