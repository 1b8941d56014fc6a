package io.meshward.policy.conformance;

/**
 * The result of running one case.
 *
 * @param group directory of the case
 * @param note the case's note (unique name)
 * @param status passed, failed or skipped
 * @param reason why it failed or was skipped; empty when passed
 */
public record CaseOutcome(String group, String note, Status status, String reason) {

  /** How a case ended. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }
}
