package io.meshward.agent.relay;

/** The relay's ERROR codes and what the agent does about each (docs/relay-protocol.md). */
public enum RelayError {
  BAD_CREDENTIAL(1, true, "the relay does not accept this peer id and credential"),
  NOT_READY(2, false, "the relay has no policy from the coordinator yet"),
  PROTOCOL_ERROR(3, true, "the relay rejected a malformed frame (an agent bug)"),
  OVERSIZE(4, true, "the relay rejected a frame over the size limits (an agent bug)"),
  HELLO_TIMEOUT(5, false, "the HELLO did not reach the relay in time"),
  RATE_LIMITED(6, false, "this agent sent more frames than the relay allows"),
  CREDENTIAL_REVOKED(7, true, "the coordinator revoked this agent's relay credential"),
  REPLACED(8, false, "another connection authenticated as this peer (a second agent?)"),
  SHUTTING_DOWN(9, false, "the relay is stopping"),
  UNSUPPORTED_VERSION(
      10,
      true,
      "the relay and this agent speak different protocol versions (this agent: 2); upgrade the"
          + " older one"),
  IDLE(11, false, "the relay heard nothing for its idle timeout"),
  NOT_AUTHENTICATED(12, false, "the relay got another frame before HELLO"),
  UNKNOWN(0, false, "the relay sent an unknown error code");

  private final int code;
  private final boolean waitForNewMap;
  private final String meaning;

  RelayError(int code, boolean waitForNewMap, String meaning) {
    this.code = code;
    this.waitForNewMap = waitForNewMap;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /**
   * Whether retrying with the same settings cannot help: the agent waits for the next network map
   * (a rotated credential, a fixed relay) instead of retrying in a loop.
   */
  public boolean waitForNewMap() {
    return waitForNewMap;
  }

  public String meaning() {
    return meaning;
  }

  public static RelayError of(int code) {
    for (RelayError error : values()) {
      if (error.code == code && error != UNKNOWN) {
        return error;
      }
    }
    return UNKNOWN;
  }
}
