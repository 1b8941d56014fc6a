package io.meshward.agent.link;

/** Talking to the coordinator failed in a way the user has to act on; the message says how. */
public final class LinkFailure extends RuntimeException {

  /** What went wrong; the CLI maps each kind to an exit code. */
  public enum Kind {
    UNREACHABLE,
    SETUP_KEY_REJECTED,
    ENROLMENT_REJECTED,
    DEVICE_REVOKED,
    TLS_PIN_MISMATCH,
    TLS_UNTRUSTED,
    PROTOCOL
  }

  private final Kind kind;

  public LinkFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
