package io.meshward.policy.builtins.http;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** http.send against a real JDK HTTP server on loopback. */
class HttpBuiltinsTest {

  private HttpServer server;
  private String base;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicReference<String> lastRequest = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/json",
        ex -> {
          hits.incrementAndGet();
          byte[] body = "{\"peers\":[\"a\",\"b\"],\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.getResponseHeaders().add("X-Mesh", "one");
          ex.getResponseHeaders().add("X-Mesh", "two");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/echo",
        ex -> {
          String got =
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestHeaders().getFirst("X-Test")
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          lastRequest.set(got);
          byte[] body = got.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "text/plain");
          ex.sendResponseHeaders(201, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/missing",
        ex -> {
          ex.sendResponseHeaders(404, -1);
          ex.close();
        });
    server.createContext(
        "/moved",
        ex -> {
          ex.getResponseHeaders().add("Location", "/json");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.createContext(
        "/slow",
        ex -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private BuiltinHarness enabled(JdkHttpAccess access) {
    return new BuiltinHarness(
        new BuiltinHarness.FixedContext(Instant.now()).withHttp(access), new HttpBuiltins());
  }

  private BuiltinHarness enabled() {
    return enabled(JdkHttpAccess.allowingHosts(Set.of("127.0.0.1")));
  }

  private static Value at(Value v, String... path) {
    for (String p : path) {
      v = ((ObjectValue) v).get(p);
    }
    return v;
  }

  @Test
  void signatureMatchesCapabilities() throws Exception {
    BuiltinHarness h = new BuiltinHarness(new HttpBuiltins());
    assertThat(h.checkAgainstCapabilities()).containsExactly("http.send");
    assertThat(h.table().lookup("http.send").orElseThrow().nondeterministic()).isTrue();
  }

  @Test
  void refusedUnlessTheHostEnablesIt() {
    BuiltinHarness h = new BuiltinHarness(new HttpBuiltins());
    h.failure("http.send", "{\"method\":\"get\",\"url\":\"" + base + "/json\"}")
        .hasMessageContaining("http.send is disabled");
    assertThat(hits.get()).isZero();
  }

  @Test
  void requestObjectIsValidated() {
    BuiltinHarness h = enabled();
    h.failure("http.send", "{\"url\":\"" + base + "\"}")
        .hasMessage("operand 1 missing required request parameters(s): {\"method\"}");
    h.failure("http.send", "{\"method\":\"get\",\"url\":\"" + base + "\",\"colour\":1,\"bogus\":2}")
        .hasMessage("operand 1 invalid request parameters(s): {\"bogus\", \"colour\"}");
    h.failure(
            "http.send",
            "{\"method\":\"get\",\"url\":\"" + base + "\",\"tls_insecure_skip_verify\":true}")
        .hasMessage("http.send option 'tls_insecure_skip_verify' is not supported by this host");
  }

  @Test
  void getDecodesJsonAndLowercasesHeaders() throws Exception {
    Value r = enabled().call("http.send", "{\"method\":\"get\",\"url\":\"" + base + "/json\"}");
    assertThat(at(r, "status_code").toJson()).isEqualTo("200");
    assertThat(at(r, "status").toJson()).isEqualTo("\"200 OK\"");
    assertThat(at(r, "body").toJson()).isEqualTo("{\"ok\":true,\"peers\":[\"a\",\"b\"]}");
    assertThat(at(r, "raw_body").toJson())
        .isEqualTo(quoted("{\"peers\":[\"a\",\"b\"],\"ok\":true}"));
    assertThat(at(r, "headers", "x-mesh").toJson()).isEqualTo("[\"one\",\"two\"]");
    assertThat(at(r, "headers", "content-type").toJson()).isEqualTo("[\"application/json\"]");
  }

  @Test
  void postsJsonBodiesAndHeaders() throws Exception {
    Value r =
        enabled()
            .call(
                "http.send",
                "{\"method\":\"post\",\"url\":\""
                    + base
                    + "/echo\","
                    + "\"headers\":{\"X-Test\":\"yes\"},\"body\":{\"peer\":\"p<1>\"}}");
    assertThat(lastRequest.get()).isEqualTo("POST yes {\"peer\":\"p\\u003c1\\u003e\"}");
    assertThat(at(r, "status_code").toJson()).isEqualTo("201");
    assertThat(at(r, "body").toJson()).isEqualTo("null");
    Value raw =
        enabled()
            .call(
                "http.send",
                "{\"method\":\"PUT\",\"url\":\""
                    + base
                    + "/echo\","
                    + "\"raw_body\":\"plain\",\"force_json_decode\":false}");
    assertThat(at(raw, "raw_body").toJson()).isEqualTo("\"PUT null plain\"");
  }

  @Test
  void errorStatusesAreResponsesNotErrors() throws Exception {
    Value r = enabled().call("http.send", "{\"method\":\"get\",\"url\":\"" + base + "/missing\"}");
    assertThat(at(r, "status_code").toJson()).isEqualTo("404");
    assertThat(at(r, "status").toJson()).isEqualTo("\"404 Not Found\"");
  }

  @Test
  void redirectsFollowedOnlyWhenAsked() throws Exception {
    String req = "{\"method\":\"get\",\"url\":\"" + base + "/moved\"";
    assertThat(at(enabled().call("http.send", req + "}"), "status_code").toJson()).isEqualTo("302");
    assertThat(
            at(enabled().call("http.send", req + ",\"enable_redirect\":true}"), "status_code")
                .toJson())
        .isEqualTo("200");
  }

  @Test
  void networkFailuresRaiseOrReport() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/";
    enabled()
        .failure("http.send", "{\"method\":\"get\",\"url\":\"" + url + "\"}")
        .hasMessageStartingWith("Get \"" + url + "\":");
    Value r =
        enabled()
            .call(
                "http.send", "{\"method\":\"get\",\"url\":\"" + url + "\",\"raise_error\":false}");
    assertThat(at(r, "status_code").toJson()).isEqualTo("0");
    assertThat(at(r, "error", "code").toJson()).isEqualTo("\"eval_http_send_network_error\"");
  }

  @Test
  void timeoutsAreReportedAsErrors() throws Exception {
    Value r =
        enabled()
            .call(
                "http.send",
                "{\"method\":\"get\",\"url\":\""
                    + base
                    + "/slow\","
                    + "\"timeout\":\"200ms\",\"raise_error\":false}");
    assertThat(at(r, "error", "message").toJson()).contains("request timed out");
  }

  @Test
  void hostsOutsideTheAllowListAreRefused() {
    enabled(JdkHttpAccess.allowingHosts(Set.of("policy.example")))
        .failure("http.send", "{\"method\":\"get\",\"url\":\"" + base + "/json\"}")
        .hasMessage("unallowed host: 127.0.0.1");
    assertThat(hits.get()).isZero();
  }

  @Test
  void identicalRequestsInOneEvaluationAreSentOnce() throws Exception {
    BuiltinHarness h = enabled(JdkHttpAccess.allowingAnyHost());
    String req = "{\"method\":\"get\",\"url\":\"" + base + "/json\"}";
    assertThat(h.call("http.send", req)).isEqualTo(h.call("http.send", req));
    assertThat(hits.get()).isEqualTo(1);
  }
}
