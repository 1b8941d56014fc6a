package io.meshward.policy.engine.opa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OPA client against stand-ins for an external OPA on real loopback sockets: a JDK HTTP server
 * answering fixed bodies, and a socket that never answers.
 */
@Timeout(60)
class OpaHttpPolicyEngineTest {

  private static final String TOKEN = "s3cret-token-value";
  private static final DataPath ACCESS = DataPath.parse("meshward/access");
  private static final Duration BUDGET = Duration.ofSeconds(5);

  private HttpServer fake;
  private final AtomicReference<String> lastPath = new AtomicReference<>();
  private final AtomicReference<String> lastBody = new AtomicReference<>();
  private final AtomicReference<String> lastAuth = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.stop(0);
    }
  }

  /** Starts a fake OPA answering every request with this status and body. */
  private URI fakeOpa(int status, String body) throws IOException {
    fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/",
        exchange -> {
          lastPath.set(exchange.getRequestURI().getRawPath());
          lastBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          lastAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    fake.start();
    return URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
  }

  private static OpaHttpPolicyEngine engine(URI base) {
    return new OpaHttpPolicyEngine(OpaHttpSettings.of(base).withBearerToken(TOKEN));
  }

  private static PolicyResult.Failed failed(PolicyResult r) {
    assertThat(r).isInstanceOf(PolicyResult.Failed.class);
    PolicyResult.Failed f = (PolicyResult.Failed) r;
    assertThat(f.reason()).doesNotContain(TOKEN);
    return f;
  }

  @Test
  void postsTheInputToTheDataApiAndReadsTheResult() throws IOException {
    URI base = fakeOpa(200, "{\"result\": {\"allow\": true, \"deny\": []}}");
    Value input = Json.parse("{\"source\": {\"groups\": [\"admins\"]}, \"n\": 1.50}");
    try (OpaHttpPolicyEngine opa = engine(base)) {
      PolicyResult r = opa.evaluate(ACCESS, input, BUDGET);
      assertThat(r)
          .isEqualTo(
              PolicyResult.defined(Json.parse("{\"allow\": true, \"deny\": []}"), List.of()));
    }
    assertThat(lastPath.get()).isEqualTo("/v1/data/meshward/access");
    assertThat(Json.parse(lastBody.get())).isEqualTo(ObjectValue.ofStrings("input", input));
    assertThat(lastAuth.get()).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void sendsNoInputWhenThereIsNoneAndEncodesPathSegments() throws IOException {
    URI base = fakeOpa(200, "{\"result\": false}");
    try (OpaHttpPolicyEngine opa = new OpaHttpPolicyEngine(OpaHttpSettings.of(base))) {
      PolicyResult r = opa.evaluate(new DataPath(List.of("meshward", "os version")), null, BUDGET);
      assertThat(r).isEqualTo(PolicyResult.defined(BooleanValue.FALSE, List.of()));
    }
    assertThat(lastPath.get()).isEqualTo("/v1/data/meshward/os%20version");
    assertThat(lastBody.get()).isEqualTo("{}");
    assertThat(lastAuth.get()).isNull();
  }

  @Test
  void anAnswerWithoutResultIsUndefined() throws IOException {
    try (OpaHttpPolicyEngine opa = engine(fakeOpa(200, "{}"))) {
      assertThat(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET)).isEqualTo(PolicyResult.UNDEFINED);
    }
  }

  @Test
  void malformedJsonIsABadResponseNamingTheUrl() throws IOException {
    URI base = fakeOpa(200, "{\"result\": tru");
    try (OpaHttpPolicyEngine opa = engine(base)) {
      PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
      assertThat(f.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
      assertThat(f.reason()).contains(base + "/v1/data/meshward/access").contains("malformed JSON");
    }
  }

  @Test
  void aJsonAnswerThatIsNotAnObjectIsABadResponse() throws IOException {
    try (OpaHttpPolicyEngine opa = engine(fakeOpa(200, "[true]"))) {
      PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
      assertThat(f.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
      assertThat(f.reason()).contains("array");
    }
  }

  @Test
  void aNon2xxStatusIsABadResponse() throws IOException {
    try (OpaHttpPolicyEngine opa = engine(fakeOpa(404, "no such thing"))) {
      PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
      assertThat(f.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
      assertThat(f.reason()).contains("HTTP 404").contains("no such thing");
    }
  }

  @Test
  void opasOwnEvaluationErrorIsAnEngineError() throws IOException {
    String body =
        "{\"code\": \"internal_error\", \"message\": \"policy.rego:7:1: eval_conflict_error: x\"}";
    try (OpaHttpPolicyEngine opa = engine(fakeOpa(500, body))) {
      PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
      assertThat(f.kind()).isEqualTo(FailureKind.ENGINE_ERROR);
      assertThat(f.reason()).contains("HTTP 500").contains("policy.rego:7:1");
    }
  }

  @Test
  void aRefusedTokenSaysSoWithoutShowingIt() throws IOException {
    String body = "{\"code\": \"unauthorized\", \"message\": \"bad token\"}";
    try (OpaHttpPolicyEngine opa = engine(fakeOpa(401, body))) {
      PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
      assertThat(f.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
      assertThat(f.reason()).contains("HTTP 401").contains("bearer token");
    }
  }

  @Test
  void anOversizedAnswerIsABadResponse() throws IOException {
    URI base = fakeOpa(200, "{\"result\": \"" + "x".repeat(10_000) + "\"}");
    try (OpaHttpPolicyEngine opa =
        new OpaHttpPolicyEngine(new OpaHttpSettings(base, Duration.ofSeconds(2), TOKEN, 1_000))) {
      PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
      assertThat(f.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
      assertThat(f.reason()).contains("larger than 1000 bytes");
    }
  }

  @Test
  void aServerThatNeverAnswersIsATimeout() throws IOException {
    // The kernel completes the handshake from the backlog; nobody ever reads or writes.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        OpaHttpPolicyEngine opa = engine(URI.create("http://127.0.0.1:" + silent.getLocalPort()))) {
      PolicyResult.Failed f =
          failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, Duration.ofMillis(300)));
      assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(f.reason())
          .contains("http://127.0.0.1:" + silent.getLocalPort() + "/v1/data/meshward/access")
          .contains("did not answer");
    }
  }

  @Test
  void nobodyListeningIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (OpaHttpPolicyEngine opa = engine(URI.create("http://127.0.0.1:" + port))) {
      PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
      assertThat(f.kind()).isEqualTo(FailureKind.UNREACHABLE);
      assertThat(f.reason())
          .contains("127.0.0.1:" + port)
          .containsIgnoringCase("connection refused");
    }
  }

  @Test
  void aClosedEngineFailsInsteadOfSending() throws IOException {
    URI base = fakeOpa(200, "{\"result\": true}");
    OpaHttpPolicyEngine opa = engine(base);
    opa.close();
    PolicyResult.Failed f = failed(opa.evaluate(ACCESS, ObjectValue.EMPTY, BUDGET));
    assertThat(f.kind()).isEqualTo(FailureKind.UNREACHABLE);
    assertThat(lastPath.get()).isNull();
  }

  @Test
  void settingsRejectCredentialsInTheUrlAndHideTheToken() {
    assertThatThrownBy(() -> OpaHttpSettings.of(URI.create("http://user:pw@127.0.0.1:8181")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials");
    assertThatThrownBy(() -> OpaHttpSettings.of(URI.create("ftp://127.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class);
    OpaHttpSettings s =
        OpaHttpSettings.of(URI.create("http://127.0.0.1:8181")).withBearerToken(TOKEN);
    assertThat(s.toString()).doesNotContain(TOKEN).contains("***");
    assertThat(new OpaHttpPolicyEngine(s).name()).isEqualTo("opa http://127.0.0.1:8181");
  }
}
