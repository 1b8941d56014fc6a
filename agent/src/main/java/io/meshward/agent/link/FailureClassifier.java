package io.meshward.agent.link;

import io.grpc.Status;
import io.meshward.agent.link.LinkFailure.Kind;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Turns gRPC errors into failures that tell the user what to do next. */
public final class FailureClassifier {

  private FailureClassifier() {}

  /** Errors of the Enrol call. */
  public static LinkFailure enrolment(Throwable error, CoordinatorAddress address) {
    Status status = Status.fromThrowable(error);
    String said = describe(status);
    return switch (status.getCode()) {
      case UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, FAILED_PRECONDITION ->
          new LinkFailure(
              Kind.SETUP_KEY_REJECTED,
              "the coordinator rejected the setup key ("
                  + said
                  + "); setup keys can be mistyped, expired, revoked or used up: ask an"
                  + " administrator for a new one and run `up` again with --setup-key",
              error);
      case INVALID_ARGUMENT, ALREADY_EXISTS, RESOURCE_EXHAUSTED ->
          new LinkFailure(
              Kind.ENROLMENT_REJECTED,
              "the coordinator refused the enrolment (" + said + ")",
              error);
      default -> transport(error, address);
    };
  }

  /**
   * Errors of the calls made with the device certificate. Permission denied or unauthenticated
   * means the coordinator no longer accepts this device.
   */
  public static boolean isRevocation(Throwable error) {
    Status.Code code = Status.fromThrowable(error).getCode();
    return code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED;
  }

  public static LinkFailure revoked(Throwable error, Path stateDir) {
    return new LinkFailure(
        Kind.DEVICE_REVOKED,
        "the coordinator no longer accepts this device ("
            + describe(Status.fromThrowable(error))
            + "): this device was removed from the mesh; enrol again with a new setup key after"
            + " deleting "
            + stateDir,
        error);
  }

  /** Connection-level failures: TLS trust, pin, or nobody answering. */
  public static LinkFailure transport(Throwable error, CoordinatorAddress address) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof PinnedTrustManager.PinMismatchException) {
        return new LinkFailure(
            Kind.TLS_PIN_MISMATCH,
            "TLS pin mismatch at "
                + address
                + ": "
                + cause.getMessage()
                + "\ncheck --ca-fingerprint against the coordinator's CA certificate; if they"
                + " differ you may be talking to another server",
            error);
      }
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException || cause instanceof CertificateException) {
        return new LinkFailure(
            Kind.TLS_UNTRUSTED,
            "the TLS connection to "
                + address
                + " failed ("
                + rootMessage(cause)
                + "); check that --coordinator names a host in the coordinator's certificate and,"
                + " if the coordinator uses its own CA, pass its SHA-256 with --ca-fingerprint",
            error);
      }
    }
    Status status = Status.fromThrowable(error);
    if (status.getCode() == Status.Code.UNAVAILABLE
        || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return new LinkFailure(
          Kind.UNREACHABLE,
          "cannot reach the coordinator at "
              + address
              + " ("
              + describe(status)
              + "); check --coordinator and that the coordinator is running",
          error);
    }
    return new LinkFailure(
        Kind.PROTOCOL, "the coordinator at " + address + " answered " + describe(status), error);
  }

  /** The innermost message: TLS engines wrap the useful one ("no subject alternative name"). */
  private static String rootMessage(Throwable error) {
    String message = error.getMessage();
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  /** "CODE: description (cause)" without stack traces, for messages and status. */
  public static String describe(Status status) {
    StringBuilder text = new StringBuilder(status.getCode().name());
    if (status.getDescription() != null) {
      text.append(": ").append(status.getDescription());
    }
    Throwable cause = status.getCause();
    while (cause != null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause != null && cause.getMessage() != null && status.getDescription() == null) {
      text.append(": ").append(cause.getMessage());
    }
    return text.toString();
  }
}
