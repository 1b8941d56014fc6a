package io.meshward.agent.dataplane;

/** A data-plane change could not be made; the message says what failed and what to do next. */
public final class DataPlaneException extends RuntimeException {

  public DataPlaneException(String message) {
    super(message);
  }

  public DataPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
