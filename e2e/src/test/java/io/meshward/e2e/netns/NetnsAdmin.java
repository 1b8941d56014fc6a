package io.meshward.e2e.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The coordinator's REST API, reached from the test's namespace over the hub link. */
final class NetnsAdmin {

  record SetupKey(String key, String caFingerprint) {}

  record Relay(String id, String token) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;

  NetnsAdmin(String hostPort, String token) {
    this.base = URI.create("http://" + hostPort);
    this.token = token;
  }

  String createGroup(String name) {
    return post("/api/v1/groups", Map.of("name", name)).path("id").asString();
  }

  SetupKey createSetupKey(String name, List<String> groupIds) {
    JsonNode key =
        post("/api/v1/setup-keys", Map.of("name", name, "autoGroups", groupIds, "reusable", true));
    return new SetupKey(key.path("key").asString(), key.path("caFingerprint").asString());
  }

  Relay registerRelay(String name, String address) {
    JsonNode relay = post("/api/v1/relays", Map.of("name", name, "address", address));
    return new Relay(relay.path("id").asString(), relay.path("token").asString());
  }

  /** Uploads and activates a one-module policy. */
  void activatePolicy(String rego) {
    post(
        "/api/v1/policies",
        Map.of("modules", Map.of("access.rego", rego), "tests", Map.of(), "activate", true));
  }

  /** Uploads a bundle without activating it; returns its version. */
  int uploadPolicy(String rego) {
    return post(
            "/api/v1/policies",
            Map.of("modules", Map.of("access.rego", rego), "tests", Map.of(), "activate", false))
        .path("version")
        .asInt();
  }

  /** Activates an uploaded version. */
  void activateVersion(int version) {
    post("/api/v1/policies/" + version + "/activate", Map.of());
  }

  private JsonNode post(String path, Object body) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new AssertionError(
            "POST " + path + ": " + response.statusCode() + " " + response.body());
      }
      return response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** A plain GET without authentication (the relay's metrics). */
  /** One client for every GET: the latency benchmark polls the relay's metrics in a tight loop. */
  private static final HttpClient FETCH = HttpClient.newHttpClient();

  static String fetch(String url) {
    try {
      HttpResponse<String> response =
          FETCH.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
