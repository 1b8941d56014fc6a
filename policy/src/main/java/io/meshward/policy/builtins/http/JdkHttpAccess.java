package io.meshward.policy.builtins.http;

import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.encoding.GoJson;
import io.meshward.policy.builtins.time.GoDuration;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A real {@code http.send} for hosts that enable network access: java.net.http.HttpClient, with an
 * allow-list of hosts. Supports method, url, headers, body (sent as JSON) or raw_body, timeout (Go
 * duration string or nanoseconds; default 5s), enable_redirect, force_json_decode and raise_error.
 * TLS and caching options are refused with a clear error rather than ignored.
 */
public final class JdkHttpAccess implements BuiltinContext.HttpAccess {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  private static final Set<String> UNSUPPORTED_PREFIXES = Set.of("tls_", "cache", "force_cache");
  private static final Map<Integer, String> STATUS_TEXT =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(202, "Accepted"),
          Map.entry(204, "No Content"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(304, "Not Modified"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private final HttpClient noRedirects;
  private final HttpClient followRedirects;
  private final Predicate<String> hostAllowed;

  private JdkHttpAccess(Predicate<String> hostAllowed) {
    this.hostAllowed = hostAllowed;
    this.noRedirects =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(DEFAULT_TIMEOUT)
            .build();
    this.followRedirects =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(DEFAULT_TIMEOUT)
            .build();
  }

  /** Access to these host names only (compared case-insensitively, without port). */
  public static JdkHttpAccess allowingHosts(Set<String> hosts) {
    Set<String> lower = Set.copyOf(hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    return new JdkHttpAccess(host -> lower.contains(host.toLowerCase(Locale.ROOT)));
  }

  /** Access to any host; for hosts that trust their policies entirely. */
  public static JdkHttpAccess allowingAnyHost() {
    return new JdkHttpAccess(host -> true);
  }

  @Override
  public Value send(Value requestValue) throws BuiltinException {
    ObjectValue request = (ObjectValue) requestValue;
    boolean raiseError = bool(request, "raise_error", true);
    for (Value k : request.keys()) {
      String name = ((StringValue) k).value();
      if (UNSUPPORTED_PREFIXES.stream().anyMatch(name::startsWith)) {
        throw new BuiltinException("http.send option '" + name + "' is not supported by this host");
      }
    }
    String method = string(request, "method").toUpperCase(Locale.ROOT);
    String url = string(request, "url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new BuiltinException("parse \"" + url + "\": " + e.getReason());
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new BuiltinException(
          "unsupported URL \"" + url + "\": expected http or https with a host");
    }
    if (!hostAllowed.test(uri.getHost())) {
      throw new BuiltinException("unallowed host: " + uri.getHost());
    }

    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout(request));
    Value headers = request.get("headers");
    if (headers != null) {
      if (!(headers instanceof ObjectValue h)) {
        throw new BuiltinException("invalid type for headers key");
      }
      for (Value k : h.keys()) {
        Value v = h.get(k);
        if (!(k instanceof StringValue name) || !(v instanceof StringValue value)) {
          throw new BuiltinException("invalid type for headers value");
        }
        try {
          builder.header(name.value(), value.value());
        } catch (IllegalArgumentException e) {
          throw new BuiltinException("invalid header " + name.value() + ": " + e.getMessage());
        }
      }
    }
    builder.method(method, bodyPublisher(request));

    HttpClient client = bool(request, "enable_redirect", false) ? followRedirects : noRedirects;
    HttpResponse<byte[]> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return failure(raiseError, opName(method) + " \"" + url + "\": request timed out");
    } catch (IOException e) {
      return failure(
          raiseError,
          opName(method)
              + " \""
              + url
              + "\": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuiltinException("http.send interrupted");
    }
    return responseValue(response, bool(request, "force_json_decode", false), raiseError);
  }

  private static String opName(String method) {
    return method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
  }

  private static Value failure(boolean raiseError, String message) throws BuiltinException {
    if (raiseError) {
      throw new BuiltinException(message);
    }
    return ObjectValue.ofStrings(
        "status_code",
        NumberValue.ZERO,
        "error",
        ObjectValue.ofStrings(
            "code", StringValue.of("eval_http_send_network_error"),
            "message", StringValue.of(message)));
  }

  private static Value responseValue(
      HttpResponse<byte[]> response, boolean forceJson, boolean raiseError)
      throws BuiltinException {
    String raw = new String(response.body(), StandardCharsets.UTF_8);
    ObjectValue.Builder headers = ObjectValue.builder();
    boolean json = forceJson;
    for (var e : response.headers().map().entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(":")) {
        continue;
      }
      List<Value> values = new ArrayList<>();
      for (String v : e.getValue()) {
        values.add(StringValue.of(v));
        if (name.equals("content-type")
            && v.toLowerCase(Locale.ROOT).startsWith("application/json")) {
          json = true;
        }
      }
      headers.put(name, ArrayValue.of(values));
    }
    Value body = NullValue.INSTANCE;
    if (json && !raw.isEmpty()) {
      try {
        body = Json.parse(raw);
      } catch (Json.JsonSyntaxException e) {
        return failure(raiseError, "failed to decode JSON response body: " + e.getMessage());
      }
    }
    int code = response.statusCode();
    String text = STATUS_TEXT.get(code);
    return ObjectValue.ofStrings(
        "status", StringValue.of(text == null ? Integer.toString(code) : code + " " + text),
        "status_code", NumberValue.of(code),
        "headers", headers.build(),
        "body", body,
        "raw_body", StringValue.of(raw));
  }

  private static HttpRequest.BodyPublisher bodyPublisher(ObjectValue request)
      throws BuiltinException {
    Value raw = request.get("raw_body");
    if (raw != null) {
      if (!(raw instanceof StringValue s)) {
        throw new BuiltinException("raw_body must be a string");
      }
      return HttpRequest.BodyPublishers.ofString(s.value(), StandardCharsets.UTF_8);
    }
    Value body = request.get("body");
    if (body != null && !(body instanceof NullValue)) {
      return HttpRequest.BodyPublishers.ofString(GoJson.marshal(body), StandardCharsets.UTF_8);
    }
    return HttpRequest.BodyPublishers.noBody();
  }

  private static Duration timeout(ObjectValue request) throws BuiltinException {
    Value t = request.get("timeout");
    if (t == null) {
      return DEFAULT_TIMEOUT;
    }
    long ns;
    if (t instanceof StringValue s) {
      try {
        ns = GoDuration.parse(s.value());
      } catch (IllegalArgumentException e) {
        throw new BuiltinException(e.getMessage());
      }
    } else if (t instanceof NumberValue n && n.longValue().isPresent()) {
      ns = n.longValue().get();
    } else {
      throw new BuiltinException("invalid timeout value " + t.toJson());
    }
    if (ns <= 0) {
      return DEFAULT_TIMEOUT;
    }
    return Duration.ofNanos(ns);
  }

  private static String string(ObjectValue o, String key) throws BuiltinException {
    if (!(o.get(key) instanceof StringValue s)) {
      throw new BuiltinException("invalid type for " + key + " key: expected a string");
    }
    return s.value();
  }

  private static boolean bool(ObjectValue o, String key, boolean fallback) throws BuiltinException {
    Value v = o.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof BooleanValue b)) {
      throw new BuiltinException("invalid type for " + key + " key: expected a boolean");
    }
    return b.value();
  }
}
