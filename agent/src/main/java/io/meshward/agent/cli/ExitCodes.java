package io.meshward.agent.cli;

import io.meshward.agent.link.LinkFailure;

/** The agent's exit codes; docs/agent.md lists them. */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int USAGE = 2;
  public static final int COORDINATOR_UNREACHABLE = 3;
  public static final int SETUP_KEY_REJECTED = 4;
  public static final int DEVICE_REVOKED = 5;
  public static final int TLS_FAILURE = 6;
  public static final int STATE_DIRECTORY = 7;
  public static final int ALREADY_RUNNING = 8;
  public static final int COORDINATOR_REFUSED = 9;
  public static final int NOT_RUNNING = 10;

  private ExitCodes() {}

  public static int of(LinkFailure.Kind kind) {
    return switch (kind) {
      case UNREACHABLE -> COORDINATOR_UNREACHABLE;
      case SETUP_KEY_REJECTED -> SETUP_KEY_REJECTED;
      case DEVICE_REVOKED -> DEVICE_REVOKED;
      case TLS_PIN_MISMATCH, TLS_UNTRUSTED -> TLS_FAILURE;
      case ENROLMENT_REJECTED, PROTOCOL -> COORDINATOR_REFUSED;
    };
  }
}
