package io.meshward.coordinator.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Policy bundles as code: versioned uploads, refusal with positions and failing test names,
 * activation and rollback, audit, and isolation between accounts. The Rego engine is not part of
 * this module, so a small validator stands in for it here (and only here).
 */
class PolicyLifecycleTest {

  /**
   * Refuses a module containing "BROKEN" (reporting where) and a test module containing
   * "test_fails"; accepts anything else.
   */
  @Configuration(proxyBeanMethods = false)
  static class ScriptedValidator {

    @Bean
    @Primary // wins over the engine-backed bean once that is wired in
    PolicyBundleValidator validator() {
      return bundle -> {
        var errors = new ArrayList<PolicyValidationReport.CompileError>();
        bundle
            .modules()
            .forEach(
                (file, source) -> {
                  var lines = source.lines().toList();
                  for (int row = 0; row < lines.size(); row++) {
                    int col = lines.get(row).indexOf("BROKEN");
                    if (col >= 0) {
                      errors.add(
                          new PolicyValidationReport.CompileError(
                              file, row + 1, col + 1, "unexpected identifier"));
                    }
                  }
                });
        var failed = new ArrayList<PolicyValidationReport.FailedTest>();
        bundle
            .tests()
            .forEach(
                (file, source) -> {
                  if (source.contains("test_fails")) {
                    failed.add(new PolicyValidationReport.FailedTest(file, "test_fails", "failed"));
                  }
                });
        return new PolicyValidationReport(errors, failed);
      };
    }
  }

  private static final String GOOD =
      "package meshward.access\n\nimport rego.v1\n\nallow if input.source.groups[_] == \"admins\"\n";

  private static String bundle(String module, String test, Boolean activate) {
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("modules", Map.of("access.rego", module));
    body.put("tests", Map.of("access_test.rego", test));
    body.put("data", Map.of("ports", List.of(22, 443)));
    if (activate != null) {
      body.put("activate", activate);
    }
    return Rest.json(body);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void bundlesAreValidatedVersionedActivatedRolledBackAndAudited(TestDatabase database)
      throws Exception {
    try (var coordinator =
        RunningCoordinator.start(
            database, Files.createTempDirectory("meshward-policy-"), ScriptedValidator.class)) {
      Rest admin = coordinator.admin();

      var v1 = admin.post("/api/v1/policies", bundle(GOOD, "package t\ntest_ok if true\n", null));
      assertThat(v1.status()).as(v1.body()).isEqualTo(201);
      assertThat(v1.json().get("version").asInt()).isEqualTo(1);
      assertThat(v1.json().get("active").asBoolean()).isTrue();
      assertThat(v1.json().get("data").get("ports").get(1).asInt()).isEqualTo(443);

      var broken =
          admin.post(
              "/api/v1/policies",
              bundle("package meshward.access\n\nallow if { BROKEN }\n", "package t\n", null));
      assertThat(broken.status()).isEqualTo(422);
      assertThat(broken.contentType()).startsWith("application/problem+json");
      assertThat(broken.json().get("detail").asString()).contains("access.rego:3:12");
      JsonNode error = broken.json().get("errors").get(0);
      assertThat(error.get("file").asString()).isEqualTo("access.rego");
      assertThat(error.get("row").asInt()).isEqualTo(3);
      assertThat(error.get("col").asInt()).isEqualTo(12);

      var failing =
          admin.post("/api/v1/policies", bundle(GOOD, "package t\ntest_fails if false\n", null));
      assertThat(failing.status()).isEqualTo(422);
      assertThat(failing.json().get("failedTests").get(0).get("name").asString())
          .isEqualTo("test_fails");

      var v2 = admin.post("/api/v1/policies", bundle(GOOD + "# v2\n", "package t\n", false));
      assertThat(v2.json().get("version").asInt()).isEqualTo(2);
      assertThat(v2.json().get("active").asBoolean()).isFalse();
      assertThat(activeVersion(admin)).isEqualTo(1);

      assertThat(admin.post("/api/v1/policies/2/activate", "").status()).isEqualTo(200);
      assertThat(activeVersion(admin)).isEqualTo(2);
      assertThat(admin.post("/api/v1/policies/1/activate", "").status()).isEqualTo(200);
      assertThat(activeVersion(admin)).isEqualTo(1);
      assertThat(
              admin.get("/api/v1/policies/2").json().get("modules").get("access.rego").asString())
          .endsWith("# v2\n");
      assertThat(admin.post("/api/v1/policies/9/activate", "").status()).isEqualTo(404);

      assertThat(admin.get("/api/v1/audit?kind=policy.uploaded").json().size()).isEqualTo(2);
      assertThat(admin.get("/api/v1/audit?kind=policy.activated").json().size()).isEqualTo(3);

      var noModules = admin.post("/api/v1/policies", "{\"modules\": {}}");
      assertThat(noModules.status()).isEqualTo(400);
      assertThat(noModules.json().get("errors").get(0).get("field").asString())
          .isEqualTo("modules");
      var dataNotObject =
          admin.post(
              "/api/v1/policies", "{\"modules\": {\"a.rego\": \"package a\"}, \"data\": [1]}");
      assertThat(dataNotObject.status()).isEqualTo(400);
      assertThat(admin.get("/api/v1/policies").json().size()).isEqualTo(2);

      Rest other = coordinator.rest(coordinator.createAccount("other").adminToken());
      assertThat(other.get("/api/v1/policies/1").status()).isEqualTo(404);
      assertThat(other.post("/api/v1/policies/1/activate", "").status()).isEqualTo(404);
      assertThat(other.get("/api/v1/policies").json().size()).isZero();
      assertThat(activeVersion(admin)).isEqualTo(1);
    }
  }

  private static int activeVersion(Rest admin) {
    for (JsonNode bundle : admin.get("/api/v1/policies").json()) {
      if (bundle.get("active").asBoolean()) {
        return bundle.get("version").asInt();
      }
    }
    return 0;
  }
}
