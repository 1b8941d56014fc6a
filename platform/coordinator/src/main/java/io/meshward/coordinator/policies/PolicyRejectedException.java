package io.meshward.coordinator.policies;

/** The bundle did not compile or its tests failed; carries every problem found. */
public class PolicyRejectedException extends RuntimeException {

  private final PolicyValidationReport report;

  PolicyRejectedException(PolicyValidationReport report) {
    super(
        "policy bundle rejected: "
            + report.errors().size()
            + " compile error(s), "
            + report.failedTests().size()
            + " failing test(s)");
    this.report = report;
  }

  public PolicyValidationReport report() {
    return report;
  }
}
