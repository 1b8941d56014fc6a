package io.meshward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The coordinator's REST API as an administrator uses it: bearer token, JSON in and out. */
final class AdminApi {

  /** One answer: status, content type and the JSON body (a missing node when there is none). */
  record Response(int status, String contentType, JsonNode body) {
    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  record SetupKey(String key, String caFingerprint) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;

  AdminApi(int port, String token) {
    this.base = URI.create("http://localhost:" + port);
    this.token = token;
  }

  Response get(String path) {
    return send(request(path).GET().build());
  }

  Response post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  String createGroup(String name) {
    Response created = post("/api/v1/groups", Map.of("name", name));
    assertThat(created.status()).as("create group %s: %s", name, created).isEqualTo(201);
    return created.body().path("id").asString();
  }

  SetupKey createSetupKey(String name, List<String> autoGroupIds) {
    Response created = post("/api/v1/setup-keys", Map.of("name", name, "autoGroups", autoGroupIds));
    assertThat(created.status()).as("create setup key %s: %s", name, created).isEqualTo(201);
    return new SetupKey(
        created.body().path("key").asString(), created.body().path("caFingerprint").asString());
  }

  Response uploadPolicy(PolicyBundle bundle) {
    return post("/api/v1/policies", bundle.uploadBody());
  }

  /** {@code GET /api/v1/decisions}: why {@code source} may or may not reach {@code destination}. */
  JsonNode explain(String source, String destination) {
    Response answer =
        get(
            "/api/v1/decisions?source="
                + URLEncoder.encode(source, StandardCharsets.UTF_8)
                + "&destination="
                + URLEncoder.encode(destination, StandardCharsets.UTF_8));
    assertThat(answer.status())
        .as("explain %s -> %s: %s", source, destination, answer)
        .isEqualTo(200);
    return answer.body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json, application/problem+json");
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      JsonNode body =
          response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), contentType, body);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
