package io.meshward.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs OPA's v1 compliance cases and fails when a case listed in the committed ratchet ({@code
 * src/test/resources/conformance/expected-pass.txt}) no longer passes. Regenerate the ratchet with
 * {@code ./mvnw -q -pl policy test -Dtest=ConformanceTest -Dmeshward.conformance.update=true}.
 */
class ConformanceTest {

  private static final Path RATCHET = Path.of("src/test/resources/conformance/expected-pass.txt");

  static Path casesDir() {
    String prop = System.getProperty("meshward.opa-compliance.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("MESHWARD_OPA_COMPLIANCE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    // Tests run in the module directory: the repository root is its parent.
    return Path.of("")
        .toAbsolutePath()
        .getParent()
        .resolve("../shared/opa-compliance/v1")
        .normalize();
  }

  @Test
  void ratchetedCasesStillPass() throws IOException {
    Path dir = casesDir();
    assumeTrue(
        Files.isDirectory(dir),
        "OPA compliance cases not found at "
            + dir
            + "; set -Dmeshward.opa-compliance.dir or MESHWARD_OPA_COMPLIANCE_DIR to run them");
    List<CaseOutcome> outcomes = ConformanceRunner.runAll(dir);
    Set<String> failing = new HashSet<>();
    Set<String> all = new HashSet<>();
    for (CaseOutcome o : outcomes) {
      all.add(o.note());
      if (o.status() != CaseOutcome.Status.PASSED) {
        failing.add(o.note());
      }
    }
    TreeSet<String> passing = new TreeSet<>(all);
    passing.removeAll(failing);
    assertThat(outcomes).as("compliance cases found under " + dir).isNotEmpty();

    if (Boolean.getBoolean("meshward.conformance.update")) {
      Files.createDirectories(RATCHET.getParent());
      Files.write(RATCHET, passing);
      return;
    }
    assumeTrue(
        Files.exists(RATCHET),
        "no ratchet at " + RATCHET + "; create it with -Dmeshward.conformance.update=true");
    List<String> regressions = new ArrayList<>();
    for (String note : Files.readAllLines(RATCHET)) {
      if (!note.isBlank() && !passing.contains(note)) {
        regressions.add(note);
      }
    }
    assertThat(regressions)
        .as(
            "compliance cases that passed before and fail now (fix them, or regenerate the"
                + " ratchet with -Dmeshward.conformance.update=true if the loss is intended)")
        .isEmpty();
  }
}
