package io.meshward.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.engine.AccessBundle;
import io.meshward.policy.engine.local.RegoPolicyEngine;
import io.meshward.policy.load.PolicyFileLoader;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The OPA-compatible server on a real loopback port, called over HTTP. */
@Timeout(60)
class OpaServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private RegoPolicyEngine engine;
  private OpaServer server;

  @BeforeEach
  void start() throws Exception {
    PolicyFileLoader.Loaded files =
        PolicyFileLoader.load(
            List.of(
                AccessBundle.dir("access-bundle"),
                AccessBundle.dir("broken"),
                AccessBundle.dir("runaway")));
    engine =
        RegoPolicyEngine.compile(
            files.modules(), files.data(), new RegoPolicyEngine.Options(false, Long.MAX_VALUE));
    server = startServer(OpaServer.Settings.DEFAULTS.withEvalTimeout(Duration.ofMillis(500)));
  }

  private OpaServer startServer(OpaServer.Settings settings) throws IOException {
    return OpaServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), engine, settings);
  }

  @AfterEach
  void stop() {
    server.close();
    engine.close();
    http.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(server.baseUri().resolve(path)).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Value json(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return Json.parse(r.body());
  }

  @Test
  void listensOnLoopbackWithTheRealPort() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getPort()).isPositive();
    assertThat(server.baseUri().toString()).startsWith("http://127.0.0.1:");
  }

  @Test
  void healthIsOk() throws Exception {
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(ObjectValue.EMPTY);
  }

  @Test
  void postEvaluatesTheDocumentAtThePathForTheInput() throws Exception {
    Value input = AccessBundle.input(List.of("admins"), "pass", List.of("databases"));
    HttpResponse<String> r =
        post("/v1/data/meshward/access", Json.write(ObjectValue.ofStrings("input", input)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(Json.parse("{\"result\": {\"allow\": true, \"deny\": []}}"));

    Value denied = AccessBundle.input(List.of("admins"), "fail", List.of("quarantine"));
    r = post("/v1/data/meshward/access/deny", Json.write(ObjectValue.ofStrings("input", denied)));
    assertThat(json(r))
        .isEqualTo(
            Json.parse(
                "{\"result\": [\"destination is quarantined\","
                    + " \"source device fails the os-version posture check\"]}"));
  }

  @Test
  void getEvaluatesWithoutInput() throws Exception {
    HttpResponse<String> r = get("/v1/data/meshward/access/allow");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(Json.parse("{\"result\": false}"));
    // Integer segments index arrays, as in OPA.
    assertThat(json(get("/v1/data/meshward/pairs/1/to")))
        .isEqualTo(Json.parse("{\"result\": \"ticketing\"}"));
  }

  @Test
  void undefinedDocumentsOmitResult() throws Exception {
    HttpResponse<String> r = post("/v1/data/meshward/nothing", "{\"input\": {}}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(ObjectValue.EMPTY);
  }

  @Test
  void postToTheRootReturnsTheWholeDataDocument() throws Exception {
    // This server's extra bundles include a runaway rule, which the whole document includes.
    HttpResponse<String> r = post("/v1/data", "{}");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("ran out of its budget");

    server.close();
    engine.close();
    PolicyFileLoader.Loaded files =
        PolicyFileLoader.load(List.of(AccessBundle.dir("access-bundle")));
    engine =
        RegoPolicyEngine.compile(files.modules(), files.data(), RegoPolicyEngine.Options.DEFAULTS);
    server = startServer(OpaServer.Settings.DEFAULTS);
    r = post("/v1/data", "{}");
    assertThat(r.statusCode()).isEqualTo(200);
    ObjectValue result = (ObjectValue) ((ObjectValue) json(r)).get("result");
    ObjectValue meshward = (ObjectValue) result.get("meshward");
    assertThat(meshward.get("pairs"))
        .isEqualTo(
            Json.parse(
                "[{\"from\": \"engineering\", \"to\": \"build-servers\"},"
                    + " {\"from\": \"support\", \"to\": \"ticketing\"}]"));
    assertThat(((ObjectValue) meshward.get("access")).get("allow"))
        .isEqualTo(io.meshward.policy.value.BooleanValue.FALSE);
  }

  @Test
  void anEmptyBodyMeansNoInput() throws Exception {
    HttpResponse<String> r = post("/v1/data/meshward/access/allow", "");
    assertThat(json(r)).isEqualTo(Json.parse("{\"result\": false}"));
  }

  @Test
  void malformedJsonIsAnInvalidParameter() throws Exception {
    HttpResponse<String> r = post("/v1/data/meshward/access", "{\"input\": {");
    assertThat(r.statusCode()).isEqualTo(400);
    ObjectValue body = (ObjectValue) json(r);
    assertThat(body.get("code")).isEqualTo(StringValue.of("invalid_parameter"));
    assertThat(((StringValue) body.get("message")).value()).contains("malformed JSON");

    r = post("/v1/data/meshward/access", "[1, 2]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(((ObjectValue) json(r)).get("code")).isEqualTo(StringValue.of("invalid_parameter"));
  }

  @Test
  void evaluationErrorsAreInternalErrorsWithTheRegoLocation() throws Exception {
    HttpResponse<String> r =
        post("/v1/data/broken/level", "{\"input\": {\"a\": true, \"b\": true}}");
    assertThat(r.statusCode()).isEqualTo(500);
    ObjectValue body = (ObjectValue) json(r);
    assertThat(body.get("code")).isEqualTo(StringValue.of("internal_error"));
    assertThat(((StringValue) body.get("message")).value())
        .containsPattern("conflict\\.rego:\\d+:\\d+")
        .contains("eval_conflict_error");
  }

  @Test
  void aRunawayPolicyFailsTheRequestWithinItsBudget() throws Exception {
    HttpResponse<String> r = post("/v1/data/runaway/spin", "{}");
    assertThat(r.statusCode()).isEqualTo(500);
    ObjectValue body = (ObjectValue) json(r);
    assertThat(body.get("code")).isEqualTo(StringValue.of("internal_error"));
    assertThat(((StringValue) body.get("message")).value()).contains("budget");
    // The server is still answering afterwards.
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownEndpointsAndMethodsGetOpaShapedErrors() throws Exception {
    HttpResponse<String> r = get("/v1/policies");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(((ObjectValue) json(r)).get("code")).isNotNull();
    assertThat(get("/v1/database").statusCode()).isEqualTo(404);

    r =
        send(
            HttpRequest.newBuilder(server.baseUri().resolve("/v1/data/meshward")).DELETE().build());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(((ObjectValue) json(r)).get("code")).isEqualTo(StringValue.of("method_not_allowed"));
  }

  @Test
  void aConfiguredTokenIsRequiredEverywhereButHealth() throws Exception {
    server.close();
    server = startServer(OpaServer.Settings.DEFAULTS.withBearerToken("let-me-in"));
    HttpResponse<String> r = post("/v1/data/meshward/access/allow", "{}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(((ObjectValue) json(r)).get("code")).isEqualTo(StringValue.of("unauthorized"));

    r =
        send(
            HttpRequest.newBuilder(server.baseUri().resolve("/v1/data/meshward/access/allow"))
                .header("Authorization", "Bearer wrong")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(r.statusCode()).isEqualTo(401);

    r =
        send(
            HttpRequest.newBuilder(server.baseUri().resolve("/v1/data/meshward/access/allow"))
                .header("Authorization", "Bearer let-me-in")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(Json.parse("{\"result\": false}"));
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void loadsDataFilesAtTheirDirectoryPath() throws Exception {
    PolicyFileLoader.Loaded files =
        PolicyFileLoader.load(List.of(AccessBundle.dir("access-bundle")));
    assertThat(files.modules()).hasSize(1);
    assertThat(((ObjectValue) ((ObjectValue) files.data()).get("meshward")).get("pairs"))
        .isNotNull();
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> PolicyFileLoader.load(List.of(Path.of("does/not/exist")))))
        .isInstanceOf(PolicyFileLoader.LoadException.class)
        .hasMessageContaining("does/not/exist");
  }
}
