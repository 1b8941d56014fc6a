package io.meshward.policy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.PolicyEngine;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's Data API: {@code GET|POST /v1/data/{path}} evaluates the document at the path, with the
 * {@code input} of a POST body, and answers {@code {"result": ...}} ({@code {}} when undefined).
 */
final class DataApiHandler implements HttpHandler {

  static final String PREFIX = "/v1/data";

  private final PolicyEngine engine;
  private final Duration evalTimeout;
  private final int maxBodyBytes;
  private final ServerLog log;

  DataApiHandler(PolicyEngine engine, Duration evalTimeout, int maxBodyBytes, ServerLog log) {
    this.engine = engine;
    this.evalTimeout = evalTimeout;
    this.maxBodyBytes = maxBodyBytes;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getRawPath();
      int status = respond(exchange, method, rawPath);
      log.debug(method + " " + rawPath + " -> " + status);
    } catch (IOException | RuntimeException e) {
      log.error("request failed: " + e);
      throw e;
    }
  }

  private int respond(HttpExchange exchange, String method, String rawPath) throws IOException {
    String rest = rawPath.substring(PREFIX.length());
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      exchange.getRequestBody().close();
      return error(exchange, 404, OpaResponses.NOT_FOUND, "no such endpoint: " + rawPath);
    }
    if (!method.equals("GET") && !method.equals("POST")) {
      exchange.getRequestBody().close();
      exchange.getResponseHeaders().set("Allow", "GET, POST");
      return error(
          exchange,
          405,
          OpaResponses.METHOD_NOT_ALLOWED,
          "use POST (with {\"input\": ...}) or GET for " + PREFIX);
    }
    DataPath path;
    try {
      path = decode(rest);
    } catch (IllegalArgumentException e) {
      exchange.getRequestBody().close();
      return error(
          exchange, 400, OpaResponses.INVALID_PARAMETER, "bad data path: " + e.getMessage());
    }
    Value input = null;
    if (method.equals("POST")) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(maxBodyBytes + 1);
      }
      if (body.length > maxBodyBytes) {
        return error(
            exchange,
            413,
            OpaResponses.INVALID_PARAMETER,
            "request body larger than " + maxBodyBytes + " bytes");
      }
      try {
        input = inputOf(new String(body, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return error(exchange, 400, OpaResponses.INVALID_PARAMETER, e.getMessage());
      }
    } else {
      exchange.getRequestBody().close();
    }
    boolean pretty = pretty(exchange.getRequestURI().getRawQuery());
    PolicyResult result = engine.evaluate(path, input, evalTimeout);
    return switch (result) {
      case PolicyResult.Defined d -> {
        OpaResponses.json(exchange, 200, ObjectValue.ofStrings("result", d.document()), pretty);
        yield 200;
      }
      case PolicyResult.Undefined u -> {
        OpaResponses.json(exchange, 200, ObjectValue.EMPTY, pretty);
        yield 200;
      }
      case PolicyResult.Failed f -> {
        log.info("evaluation of " + path.toRegoRef() + " failed (" + f.kind() + "): " + f.reason());
        yield error(exchange, 500, OpaResponses.INTERNAL_ERROR, f.reason());
      }
    };
  }

  /** The input of a Data API body: absent, empty or {@code {}} mean no input. */
  private static Value inputOf(String body) {
    if (body.isBlank()) {
      return null;
    }
    Value parsed;
    try {
      parsed = Json.parse(body);
    } catch (Json.JsonSyntaxException e) {
      throw new IllegalArgumentException(
          "body contains malformed JSON: " + e.getMessage() + " (send {\"input\": ...})");
    }
    if (!(parsed instanceof ObjectValue object)) {
      throw new IllegalArgumentException(
          "body must be a JSON object like {\"input\": ...}, got a " + parsed.typeName());
    }
    return object.get("input");
  }

  private static DataPath decode(String rest) {
    List<String> segments = new ArrayList<>();
    for (String raw : rest.split("/")) {
      if (!raw.isEmpty()) {
        // URLDecoder is for forms: protect '+' so it stays a plus in a path.
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return new DataPath(segments);
  }

  private static boolean pretty(String rawQuery) {
    if (rawQuery == null) {
      return false;
    }
    for (String param : rawQuery.split("&")) {
      if (param.equals("pretty") || param.equals("pretty=true")) {
        return true;
      }
    }
    return false;
  }

  private static int error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    OpaResponses.error(exchange, status, code, message);
    return status;
  }
}
