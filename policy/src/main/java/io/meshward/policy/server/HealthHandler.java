package io.meshward.policy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.meshward.policy.value.ObjectValue;
import java.io.IOException;

/** {@code GET /health}: 200 {@code {}} once the policy is compiled and the server is listening. */
final class HealthHandler implements HttpHandler {

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().close();
      if (!exchange.getRequestURI().getRawPath().equals("/health")) {
        OpaResponses.error(
            exchange, 404, OpaResponses.NOT_FOUND, "no such endpoint: try /health or /v1/data");
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        OpaResponses.error(exchange, 405, OpaResponses.METHOD_NOT_ALLOWED, "use GET for /health");
        return;
      }
      OpaResponses.json(exchange, 200, ObjectValue.EMPTY, false);
    }
  }
}
