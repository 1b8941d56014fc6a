package io.meshward.agent.state;

/** The state directory cannot be read or written; the message says what to fix. */
public final class StateException extends RuntimeException {

  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
