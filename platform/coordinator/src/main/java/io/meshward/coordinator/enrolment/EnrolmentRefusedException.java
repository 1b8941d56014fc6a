package io.meshward.coordinator.enrolment;

/** Enrolment was refused; the reason maps to a gRPC status, the message tells the operator why. */
public class EnrolmentRefusedException extends RuntimeException {

  /** Why enrolment was refused. */
  public enum Reason {
    INVALID_REQUEST,
    UNKNOWN_SETUP_KEY,
    SETUP_KEY_REVOKED,
    SETUP_KEY_EXPIRED,
    SETUP_KEY_EXHAUSTED,
    ALREADY_ENROLLED,
    ADDRESS_RANGE_FULL
  }

  private final Reason reason;

  public EnrolmentRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
