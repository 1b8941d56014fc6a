package io.meshward.coordinator.policies;

import java.util.List;

/**
 * The outcome of compiling a bundle and running its tests. A bundle is accepted only when both
 * lists are empty.
 */
public record PolicyValidationReport(List<CompileError> errors, List<FailedTest> failedTests) {

  /** A compile (parse, type, safety...) error at a position in one file; row and col from 1. */
  public record CompileError(String file, int row, int col, String message) {}

  /** A Rego test that did not pass, with the reason (failed, error, or undefined). */
  public record FailedTest(String file, String name, String reason) {}

  public PolicyValidationReport {
    errors = List.copyOf(errors);
    failedTests = List.copyOf(failedTests);
  }

  public static PolicyValidationReport passed() {
    return new PolicyValidationReport(List.of(), List.of());
  }

  public boolean ok() {
    return errors.isEmpty() && failedTests.isEmpty();
  }
}
