package io.meshward.coordinator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.policies.PolicyBundleSource;
import io.meshward.coordinator.policies.PolicyValidationReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator on the documented example bundle (docs/policy-authoring.md) and broken ones. */
class RegoBundleValidatorTest {

  static final String DOCUMENTED =
      """
      package meshward.access

      import rego.v1

      default allow := false

      # METADATA
      # title: Engineers reach servers
      # custom:
      #   id: eng-to-servers
      allow if {
      	"eng" in input.source.groups
      	"servers" in input.destination.groups
      }

      # METADATA
      # custom:
      #   id: ops-everywhere
      allow if "ops" in input.source.groups

      # METADATA
      # custom:
      #   id: ssh-and-https
      ports contains "tcp/22" if "servers" in input.destination.groups

      ports contains "tcp/443" if data.https_hosts[input.destination.name]

      # METADATA
      # custom:
      #   id: quarantine
      deny contains {"id": "quarantine", "reason": "destination is quarantined"} if {
      	"quarantine" in input.destination.groups
      }

      # METADATA
      # custom:
      #   id: os-outdated
      deny contains {"id": "os-outdated", "reason": object.get(check, "reason", "no os-version verdict")} if {
      	check := object.get(input.source.posture, "os-version", {})
      	object.get(check, "verdict", "unknown") != "pass"
      }
      """;

  static final String DOCUMENTED_TESTS =
      """
      package meshward.access_test

      import rego.v1

      import data.meshward.access

      eng := {"groups": ["eng"], "posture": {"os-version": {"verdict": "pass"}}}

      test_engineers_reach_servers if {
      	access.allow with input as {"source": eng, "destination": {"groups": ["servers"]}}
      }

      test_a_missing_posture_verdict_denies if {
      	count(access.deny) == 1 with input as {"source": {"groups": ["eng"], "posture": {}}, "destination": {"groups": ["servers"]}}
      }

      test_quarantine_wins if {
      	count(access.deny) == 1 with input as {"source": eng, "destination": {"groups": ["servers", "quarantine"]}}
      }
      """;

  private final RegoBundleValidator validator =
      new RegoBundleValidator(DecisionsProperties.defaults());

  @Test
  void theDocumentedBundlePasses() {
    PolicyValidationReport report =
        validator.validate(
            new PolicyBundleSource(
                Map.of("access.rego", DOCUMENTED),
                "{\"https_hosts\": {\"web\": true}}",
                Map.of("access_test.rego", DOCUMENTED_TESTS)));
    assertThat(report.errors()).isEmpty();
    assertThat(report.failedTests()).isEmpty();
  }

  @Test
  void failingTestsAreNamedAndErrorsPlaced() {
    PolicyValidationReport failing =
        validator.validate(
            new PolicyBundleSource(
                Map.of("access.rego", DOCUMENTED),
                null,
                Map.of(
                    "t.rego",
                    DOCUMENTED_TESTS
                        + "\ntest_guests_get_in if access.allow with input as {\"source\": {}, "
                        + "\"destination\": {}}\n")));
    assertThat(failing.errors()).isEmpty();
    assertThat(failing.failedTests())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.name()).isEqualTo("test_guests_get_in");
              assertThat(t.file()).isEqualTo("t.rego");
            });

    PolicyValidationReport broken =
        validator.validate(
            new PolicyBundleSource(
                Map.of("a.rego", "package meshward.access\n\nallow if {\n  input.x ==\n}\n"),
                null,
                Map.of()));
    assertThat(broken.errors()).isNotEmpty();
    assertThat(broken.errors().get(0).file()).isEqualTo("a.rego");
    assertThat(broken.errors().get(0).row()).isBetween(4, 5);

    PolicyValidationReport badData =
        validator.validate(new PolicyBundleSource(Map.of("a.rego", "package a\n"), "[1]", null));
    assertThat(badData.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("object"));
  }
}
