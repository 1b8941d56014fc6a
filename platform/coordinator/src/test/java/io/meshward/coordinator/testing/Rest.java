package io.meshward.coordinator.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small REST client for tests: real HTTP on loopback, with an optional bearer token. */
public final class Rest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** A response: status, content type and the body parsed as JSON when it is JSON. */
  public record Response(int status, String contentType, String body) {

    public JsonNode json() {
      return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }
  }

  private final int port;
  private final String token;

  Rest(int port, String token) {
    this.port = port;
    this.token = token;
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  public Response post(String path, String jsonBody) {
    return send("POST", path, jsonBody);
  }

  public Response put(String path, String jsonBody) {
    return send("PUT", path, jsonBody);
  }

  public Response patch(String path, String jsonBody) {
    return send("PATCH", path, jsonBody);
  }

  public Response send(String method, String path, String jsonBody) {
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (jsonBody != null) {
      builder.header("Content-Type", "application/json");
      builder.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
