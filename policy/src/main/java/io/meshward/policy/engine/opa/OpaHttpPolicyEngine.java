package io.meshward.policy.engine.opa;

import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyEngine;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks an OPA server through its Data API: {@code POST {base}/v1/data/<path>} with {@code {"input":
 * ...}}, answered by {@code {"result": ...}} ({@code result} absent means undefined).
 *
 * <p>The whole exchange, connect to last body byte, is bounded by the evaluation budget. Failure
 * reasons name the URL and the cause, never the token.
 */
public final class OpaHttpPolicyEngine implements PolicyEngine {

  private static final int MAX_DETAIL_CHARS = 1000;

  private final OpaHttpSettings settings;
  private final String base;
  private final HttpClient client;
  private volatile boolean closed;

  public OpaHttpPolicyEngine(OpaHttpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    String b = settings.baseUri().toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String name() {
    return "opa " + base;
  }

  @Override
  public PolicyResult evaluate(DataPath path, Value input, Duration budget) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(budget, "budget");
    String url = base + "/v1/data" + path.toUrlPath();
    if (closed) {
      return PolicyResult.failed(
          FailureKind.UNREACHABLE, "OPA engine for " + base + " is closed; " + url + " not asked");
    }
    if (budget.isZero() || budget.isNegative()) {
      return PolicyResult.failed(
          FailureKind.TIMEOUT,
          "no time left to ask OPA at " + url + " (budget " + budget.toMillis() + "ms)");
    }
    String body = input == null ? "{}" : "{\"input\":" + Json.write(input) + "}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(budget)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (settings.bearerToken() != null) {
      request.header("Authorization", "Bearer " + settings.bearerToken());
    }
    CompletableFuture<HttpResponse<byte[]>> pending;
    try {
      pending =
          client.sendAsync(
              request.build(), BoundedBodySubscriber.handler(settings.maxResponseBytes()));
    } catch (RuntimeException e) {
      // e.g. the client was shut down concurrently
      return PolicyResult.failed(
          FailureKind.UNREACHABLE, "could not send to OPA at " + url + ": " + describe(e));
    }
    HttpResponse<byte[]> response;
    try {
      response = pending.get(budget.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return PolicyResult.failed(
          FailureKind.TIMEOUT,
          "OPA at " + url + " did not answer within " + budget.toMillis() + "ms");
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return PolicyResult.failed(
          FailureKind.UNREACHABLE, "interrupted while waiting for OPA at " + url);
    } catch (ExecutionException | CancellationException e) {
      return transportFailure(url, budget, e.getCause() == null ? e : e.getCause());
    }
    return interpret(url, response);
  }

  private PolicyResult transportFailure(String url, Duration budget, Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return PolicyResult.failed(
          FailureKind.UNREACHABLE,
          "could not connect to OPA at "
              + url
              + " within "
              + settings.connectTimeout().toMillis()
              + "ms"
              + " (is it running and reachable?)");
    }
    if (cause instanceof HttpTimeoutException) {
      return PolicyResult.failed(
          FailureKind.TIMEOUT,
          "OPA at " + url + " did not answer within " + budget.toMillis() + "ms");
    }
    if (cause instanceof BoundedBodySubscriber.TooLargeException) {
      return PolicyResult.failed(
          FailureKind.BAD_RESPONSE, "OPA at " + url + " sent a " + cause.getMessage());
    }
    ConnectException refused = find(cause, ConnectException.class);
    if (refused != null) {
      String why = refused.getMessage() == null ? "connection refused" : refused.getMessage();
      return PolicyResult.failed(
          FailureKind.UNREACHABLE,
          "could not connect to OPA at " + url + ": " + why + " (is it running?)");
    }
    if (find(cause, UnknownHostException.class) != null) {
      return PolicyResult.failed(
          FailureKind.UNREACHABLE,
          "could not connect to OPA at " + url + ": unknown host " + settings.baseUri().getHost());
    }
    if (cause instanceof IOException) {
      return PolicyResult.failed(
          FailureKind.UNREACHABLE, "connection to OPA at " + url + " failed: " + describe(cause));
    }
    return PolicyResult.failed(
        FailureKind.UNREACHABLE, "request to OPA at " + url + " failed: " + describe(cause));
  }

  private static PolicyResult interpret(String url, HttpResponse<byte[]> response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      return statusFailure(url, status, text);
    }
    Value answer;
    try {
      answer = Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      return PolicyResult.failed(
          FailureKind.BAD_RESPONSE,
          "OPA at " + url + " answered with malformed JSON: " + abbreviate(e.getMessage()));
    } catch (RuntimeException e) {
      return PolicyResult.failed(
          FailureKind.BAD_RESPONSE,
          "OPA at " + url + " answered with unreadable JSON: " + describe(e));
    }
    if (!(answer instanceof ObjectValue object)) {
      return PolicyResult.failed(
          FailureKind.BAD_RESPONSE,
          "OPA at " + url + " answered with a JSON " + answer.typeName() + ", expected an object");
    }
    Value result = object.get("result");
    return result == null ? PolicyResult.UNDEFINED : PolicyResult.defined(result, List.of());
  }

  private static PolicyResult statusFailure(String url, int status, String text) {
    String detail = opaError(text);
    if (status == 401 || status == 403) {
      return PolicyResult.failed(
          FailureKind.BAD_RESPONSE,
          "OPA at "
              + url
              + " refused the request with HTTP "
              + status
              + " (check the bearer token)"
              + (detail == null ? "" : ": " + detail));
    }
    if (status >= 500 && detail != null) {
      // OPA's own error shape: the remote engine failed to evaluate, not the transport.
      return PolicyResult.failed(
          FailureKind.ENGINE_ERROR,
          "OPA at " + url + " failed with HTTP " + status + ": " + detail);
    }
    return PolicyResult.failed(
        FailureKind.BAD_RESPONSE,
        "OPA at "
            + url
            + " answered HTTP "
            + status
            + (detail != null ? ": " + detail : text.isBlank() ? "" : ": " + abbreviate(text)));
  }

  /** {@code code: message} from OPA's error body, or null when the body isn't one. */
  private static String opaError(String text) {
    try {
      if (Json.parse(text) instanceof ObjectValue o && o.get("code") instanceof StringValue code) {
        Value message = o.get("message");
        return abbreviate(
            code.value() + (message instanceof StringValue m ? ": " + m.value() : ""));
      }
    } catch (RuntimeException e) {
      // not JSON: the caller shows the raw text instead
    }
    return null;
  }

  private static String abbreviate(String s) {
    String oneLine = s.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_DETAIL_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_DETAIL_CHARS) + "...";
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : abbreviate(m);
  }

  @Override
  public void close() {
    closed = true;
    // Not close(): that waits for in-flight exchanges; a closing engine must not block.
    client.shutdownNow();
  }

  @Override
  public String toString() {
    return "OpaHttpPolicyEngine[" + base + "]";
  }
}
