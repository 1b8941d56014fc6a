package io.meshward.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshward.coordinator.accounts.NewAccount;
import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.protocol.v1.DeviceFacts;
import io.meshward.protocol.v1.EnrolResponse;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PostureReport;
import io.meshward.protocol.v1.SyncRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end behaviour of the coordinator over real HTTP and real mutual-TLS gRPC. Subclasses pick
 * the database, so every scenario runs on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoordinatorScenarios {

  Path dataDir;
  RunningCoordinator coordinator;
  Rest admin;

  abstract TestDatabase database();

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("meshward-test-");
    coordinator = RunningCoordinator.start(database(), dataDir);
    admin = coordinator.admin();
  }

  @AfterAll
  void stop() {
    if (coordinator != null) {
      coordinator.close();
    }
  }

  private String createKey(Rest rest, Map<String, Object> body) {
    var response = rest.post("/api/v1/setup-keys", Rest.json(body));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("key").asString();
  }

  private String createKey(Map<String, Object> body) {
    return createKey(admin, body);
  }

  private JsonNode keyView(String name) {
    for (JsonNode key : admin.get("/api/v1/setup-keys").json()) {
      if (key.get("name").asString().equals(name)) {
        return key;
      }
    }
    throw new AssertionError("no key " + name);
  }

  private String groupId(Rest rest, String name) {
    var response = rest.post("/api/v1/groups", Rest.json(Map.of("name", name)));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  @Test
  void everyApiCallNeedsAValidToken() {
    Rest anonymous = coordinator.rest(null);
    for (String path :
        List.of("/api/v1/peers", "/api/v1/setup-keys", "/api/v1/audit", "/v3/api-docs")) {
      var response = anonymous.get(path);
      assertThat(response.status()).as(path).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("detail").asString()).contains("Bearer");
    }
    var forged = coordinator.rest("mwt_" + "A".repeat(43)).get("/api/v1/peers");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(coordinator.rest("not-even-a-token").get("/api/v1/groups").status()).isEqualTo(401);

    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    var apiDocs = admin.get("/v3/api-docs");
    assertThat(apiDocs.status()).isEqualTo(200);
    assertThat(apiDocs.body())
        .contains("/api/v1/setup-keys")
        .contains("/api/v1/policies")
        .contains("Meshward coordinator API")
        .contains("bearer");
  }

  @Test
  void revokedTokensStopWorkingAndTokensAreShownOnce() {
    var created = admin.post("/api/v1/tokens", Rest.json(Map.of("name", "ci")));
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").asString();
    String id = created.json().get("id").asString();
    assertThat(coordinator.rest(token).get("/api/v1/peers").status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/tokens").body()).doesNotContain(token).contains(id);

    assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
    assertThat(coordinator.rest(token).get("/api/v1/peers").status()).isEqualTo(401);
  }

  @Test
  void anAccountNeverSeesAnotherAccountsObjects() throws Exception {
    NewAccount other = coordinator.createAccount("other");
    Rest intruder = coordinator.rest(other.adminToken());
    String group = groupId(admin, "isolated");
    var key = admin.post("/api/v1/setup-keys", Rest.json(Map.of("name", "isolated-key")));
    String keyId = key.json().get("id").asString();
    EnrolResponse peer;
    try (AgentDevice device = coordinator.device()) {
      peer = device.enrol(key.json().get("key").asString(), "isolated-host");
    }
    var tokenId = admin.get("/api/v1/tokens").json().get(0).get("id").asString();

    for (String path :
        List.of(
            "/api/v1/groups/" + group,
            "/api/v1/setup-keys/" + keyId,
            "/api/v1/peers/" + peer.getPeerId())) {
      var response = intruder.get(path);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(intruder.delete(path).status()).as("DELETE " + path).isEqualTo(404);
    }
    assertThat(intruder.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(404);
    assertThat(
            intruder
                .patch("/api/v1/peers/" + peer.getPeerId(), Rest.json(Map.of("name", "pwned")))
                .status())
        .isEqualTo(404);
    assertThat(
            intruder
                .put(
                    "/api/v1/groups/" + group + "/peers",
                    Rest.json(Map.of("peerIds", List.of(peer.getPeerId()))))
                .status())
        .isEqualTo(404);
    // The other account's own key cannot put its peers into our group either.
    var intruderKey =
        intruder.post(
            "/api/v1/setup-keys", Rest.json(Map.of("name", "x", "autoGroups", List.of(group))));
    assertThat(intruderKey.status()).isEqualTo(400);
    assertThat(intruderKey.body()).contains("autoGroups");

    assertThat(intruder.get("/api/v1/peers").json().size()).isZero();
    assertThat(intruder.get("/api/v1/groups").json().size()).isZero();
    assertThat(intruder.get("/api/v1/audit").body()).doesNotContain(peer.getPeerId());
    // ...and everything is still there for its owner.
    assertThat(admin.get("/api/v1/peers/" + peer.getPeerId()).status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/groups/" + group).status()).isEqualTo(200);
  }

  @Test
  void setupKeysAreRefusedWhenRevokedExpiredExhaustedOrUnknown() throws Exception {
    String oneOff = createKey(Map.of("name", "one-off"));
    String reusable = createKey(Map.of("name", "twice", "reusable", true, "usageLimit", 2));
    String revoked = createKey(Map.of("name", "revoked"));
    String expiring = createKey(Map.of("name", "expiring", "reusable", true));
    String revokedId = keyView("revoked").get("id").asString();
    assertThat(
            admin
                .put("/api/v1/setup-keys/" + revokedId, Rest.json(Map.of("revoked", true)))
                .json()
                .get("state")
                .asString())
        .isEqualTo("REVOKED");
    // Age the key in the database rather than waiting for it to expire.
    coordinator
        .bean(JdbcClient.class)
        .sql("UPDATE setup_key SET expires_at = ? WHERE name = 'expiring'")
        .param(java.sql.Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))))
        .update();

    try (AgentDevice a = coordinator.device();
        AgentDevice b = coordinator.device();
        AgentDevice c = coordinator.device();
        AgentDevice d = coordinator.device()) {
      assertThat(a.enrol(oneOff, "a").getPeerId()).isNotBlank();
      Status exhausted = b.enrolRefused(b.enrolRequest(oneOff, "b").build());
      assertThat(exhausted.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(exhausted.getDescription()).contains("usage limit");

      b.enrol(reusable, "b");
      c.enrol(reusable, "c");
      Status limit = d.enrolRefused(d.enrolRequest(reusable, "d").build());
      assertThat(limit.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(limit.getDescription()).contains("usage limit");

      Status revokedStatus = d.enrolRefused(d.enrolRequest(revoked, "d").build());
      assertThat(revokedStatus.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(revokedStatus.getDescription()).contains("revoked");

      Status expired = d.enrolRefused(d.enrolRequest(expiring, "d").build());
      assertThat(expired.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(expired.getDescription()).contains("expired");

      Status unknown = d.enrolRefused(d.enrolRequest("mwk_nope", "d").build());
      assertThat(unknown.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
    assertThat(keyView("twice").get("usedCount").asInt()).isEqualTo(2);
    assertThat(keyView("twice").get("state").asString()).isEqualTo("EXHAUSTED");
    assertThat(keyView("expiring").get("usedCount").asInt()).isZero();
    assertThat(keyView("revoked").get("usedCount").asInt()).isZero();
  }

  @Test
  void enrolmentIssuesACertificateThatOpensSyncAndPlacesThePeerInItsAutoGroups() throws Exception {
    String group = groupId(admin, "laptops");
    String key = createKey(Map.of("name", "laptops-key", "autoGroups", List.of(group)));
    try (AgentDevice device = coordinator.device()) {
      EnrolResponse enrolled = device.enrol(key, "Alice's MacBook.local");
      assertThat(enrolled.getMeshAddress()).startsWith("100.").endsWith("/10");
      assertThat(enrolled.getPeerName()).isEqualTo("alice-s-macbook");
      assertThat(device.certificate().getSubjectX500Principal().getName())
          .contains("CN=" + enrolled.getPeerId());

      AgentDevice.SyncStream stream = device.sync();
      NetworkMap map = stream.nextMap();
      assertThat(map.getSelf().getPeerId()).isEqualTo(enrolled.getPeerId());
      assertThat(map.getSelf().getMeshAddress()).isEqualTo(enrolled.getMeshAddress());
      assertThat(map.getPeersList()).as("no policy: nothing allowed").isEmpty();

      var facts =
          com.google.protobuf.Struct.newBuilder()
              .putFields(
                  "os.platform",
                  com.google.protobuf.Value.newBuilder().setStringValue("linux").build())
              .build();
      device
          .agent()
          .reportPosture(
              PostureReport.newBuilder()
                  .setFacts(DeviceFacts.newBuilder().setFacts(facts))
                  .build());

      JsonNode peer = admin.get("/api/v1/peers/" + enrolled.getPeerId()).json();
      assertThat(peer.get("groups").get(0).get("id").asString()).isEqualTo(group);
      assertThat(peer.get("endpoints").get(0).asString()).isEqualTo("192.0.2.1:51820");
      assertThat(peer.get("os").asString()).isEqualTo("linux");
      assertThat(admin.get("/api/v1/groups/" + group).json().get("peers").get(0).asString())
          .isEqualTo(enrolled.getPeerId());
      assertThat(
              admin
                  .get("/api/v1/audit?kind=peer.enrolled&peer=" + enrolled.getPeerId())
                  .json()
                  .size())
          .isEqualTo(1);
    }
  }

  @Test
  void certificatesNotIssuedByTheCoordinatorAreRefused() throws Exception {
    String key = createKey(Map.of("name", "forgery"));
    try (AgentDevice device = coordinator.device()) {
      EnrolResponse enrolled = device.enrol(key, "victim");
      // A self-signed certificate naming the real peer and account.
      KeyPair forgerKeys = AgentDevice.newKeyPair();
      X509Certificate genuine = device.certificate();
      var builder =
          new JcaX509v3CertificateBuilder(
              genuine.getSubjectX500Principal(),
              genuine.getSerialNumber(),
              Date.from(Instant.now().minusSeconds(60)),
              Date.from(Instant.now().plusSeconds(3600)),
              genuine.getSubjectX500Principal(),
              forgerKeys.getPublic());
      X509Certificate forged =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .build(forgerKeys.getPrivate())));
      assertThatThrownBy(
              () ->
                  device
                      .agentWith(forgerKeys, forged)
                      .reportPosture(PostureReport.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class);
      // Without any certificate the call is refused with a reason.
      assertThatThrownBy(
              () ->
                  device
                      .agentWithoutCertificate()
                      .reportPosture(PostureReport.getDefaultInstance()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(e.getStatus().getDescription()).contains("enrol");
              });
      // The genuine one still works.
      device.agent().reportPosture(PostureReport.getDefaultInstance());
      assertThat(admin.get("/api/v1/peers/" + enrolled.getPeerId()).status()).isEqualTo(200);
    }
  }

  @Test
  void deletingAPeerClosesItsStreamAndRevokesItsCertificateAtOnce() throws Exception {
    String key = createKey(Map.of("name", "to-delete"));
    try (AgentDevice device = coordinator.device()) {
      EnrolResponse enrolled = device.enrol(key, "doomed");
      AgentDevice.SyncStream stream = device.sync();
      stream.nextMap();

      assertThat(admin.delete("/api/v1/peers/" + enrolled.getPeerId()).status()).isEqualTo(204);

      Status end = stream.end(Duration.ofSeconds(20));
      assertThat(end.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(end.getDescription()).contains("deleted");
      Status again = device.sync().end(Duration.ofSeconds(20));
      assertThat(again.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThatThrownBy(() -> device.agent().reportPosture(PostureReport.getDefaultInstance()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThat(admin.get("/api/v1/peers/" + enrolled.getPeerId()).status()).isEqualTo(404);
      assertThat(
              admin
                  .get("/api/v1/audit?kind=peer.deleted&peer=" + enrolled.getPeerId())
                  .json()
                  .size())
          .isEqualTo(1);
    }
  }

  @Test
  void malformedRestInputIsRefusedClearlyAndChangesNothing() {
    int groupsBefore = admin.get("/api/v1/groups").json().size();

    var broken = admin.post("/api/v1/groups", "{\"name\": ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.contentType()).startsWith("application/problem+json");
    assertThat(broken.json().get("detail").asString()).contains("not valid JSON");

    var blank = admin.post("/api/v1/groups", "{\"name\": \"\"}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("name");

    var badKey = admin.post("/api/v1/setup-keys", "{\"name\": \"k\", \"usageLimit\": -1}");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.json().get("errors").get(0).get("field").asString()).isEqualTo("usageLimit");

    var wrongType = admin.post("/api/v1/setup-keys", "{\"name\": \"k\", \"reusable\": \"maybe\"}");
    assertThat(wrongType.status()).isEqualTo(400);

    var past =
        admin.post(
            "/api/v1/setup-keys",
            Rest.json(Map.of("name", "old", "expiresAt", "2001-01-01T00:00:00Z")));
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().get("detail").asString()).contains("expiresAt");

    assertThat(admin.get("/api/v1/peers/does-not-exist").status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/groups").json().size()).isEqualTo(groupsBefore);
    assertThat(admin.get("/api/v1/setup-keys").body()).doesNotContain("\"old\"");
  }

  @Test
  void malformedGrpcInputIsRefusedClearlyAndChangesNothing() throws Exception {
    String key = createKey(Map.of("name", "careful"));
    int peersBefore = admin.get("/api/v1/peers").json().size();
    try (AgentDevice device = coordinator.device()) {
      Status badWireGuard =
          device.enrolRefused(device.enrolRequest(key, "x").setWireguardPublicKey("abc").build());
      assertThat(badWireGuard.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(badWireGuard.getDescription()).contains("wireguard_public_key");

      Status badCsr =
          device.enrolRefused(
              device
                  .enrolRequest(key, "x")
                  .setCertificateRequest(com.google.protobuf.ByteString.copyFromUtf8("junk"))
                  .build());
      assertThat(badCsr.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(badCsr.getDescription()).contains("certificate_request");

      assertThat(keyView("careful").get("usedCount").asInt()).isZero();
      assertThat(admin.get("/api/v1/peers").json().size()).isEqualTo(peersBefore);

      EnrolResponse enrolled = device.enrol(key, "careful-host");
      Status badEndpoint =
          device
              .sync(SyncRequest.newBuilder().addEndpoints("not an address").build())
              .end(Duration.ofSeconds(20));
      assertThat(badEndpoint.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(badEndpoint.getDescription()).contains("not an address");
      assertThat(admin.get("/api/v1/peers/" + enrolled.getPeerId()).json().get("endpoints").size())
          .isZero();
    }
  }

  @Test
  void concurrentEnrolmentsGetDistinctAddressesAndRespectTheUsageLimit() throws Exception {
    String key = createKey(Map.of("name", "rush", "reusable", true, "usageLimit", 5));
    int devices = 8;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(devices);
    var results = new java.util.ArrayList<java.util.concurrent.Future<Object>>();
    var opened = new java.util.ArrayList<AgentDevice>();
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < devices; i++) {
        AgentDevice device = coordinator.device();
        opened.add(device);
        var request = device.enrolRequest(key, "rush-" + i).build();
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return device.enrol(request);
                  } catch (StatusRuntimeException e) {
                    return e.getStatus();
                  }
                }));
      }
      start.countDown();
      var addresses = new java.util.HashSet<String>();
      int refused = 0;
      for (var result : results) {
        Object outcome = result.get(60, java.util.concurrent.TimeUnit.SECONDS);
        if (outcome instanceof EnrolResponse enrolled) {
          addresses.add(enrolled.getMeshAddress());
        } else {
          assertThat(((Status) outcome).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          refused++;
        }
      }
      assertThat(addresses).hasSize(5);
      assertThat(refused).isEqualTo(3);
      assertThat(keyView("rush").get("usedCount").asInt()).isEqualTo(5);
    } finally {
      pool.shutdownNow();
      opened.forEach(AgentDevice::close);
    }
  }

  @Test
  void anExpiredDeviceCertificateIsRefusedAndItsStreamEnds() throws Exception {
    String key = createKey(Map.of("name", "short-lived"));
    try (AgentDevice device = coordinator.device()) {
      EnrolResponse enrolled = device.enrol(key, "short-lived");
      AgentDevice.SyncStream stream = device.sync();
      stream.nextMap();
      // Expire the peer's certificate in the database instead of waiting a year.
      coordinator
          .bean(JdbcClient.class)
          .sql("UPDATE peer SET cert_expires_at = ? WHERE id = ?")
          .params(
              java.sql.Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))),
              enrolled.getPeerId())
          .update();
      assertThatThrownBy(() -> device.agent().reportPosture(PostureReport.getDefaultInstance()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      // The open stream was authorised before: the periodic sweep ends it.
      assertThat(stream.end(Duration.ofSeconds(30)).getCode())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }

  @Test
  void theAdminTokenFileIsOwnerOnly() throws Exception {
    Path file = coordinator.dataDir().resolve("admin-token");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(coordinator.dataDir().resolve("ca/ca-key.pem")))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }
}
