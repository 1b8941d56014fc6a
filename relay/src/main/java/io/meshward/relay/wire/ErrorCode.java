package io.meshward.relay.wire;

/** Why the relay closes a connection; sent in an ERROR frame just before it does. */
public enum ErrorCode {
  BAD_CREDENTIAL(1, "unknown peer id or credential"),
  NOT_READY(2, "relay has no policy from the coordinator yet; retry later"),
  PROTOCOL_ERROR(3, "malformed frame"),
  OVERSIZE(4, "frame too large"),
  HELLO_TIMEOUT(5, "no HELLO in time"),
  RATE_LIMITED(6, "too many frames"),
  CREDENTIAL_REVOKED(7, "credential revoked"),
  REPLACED(8, "another connection authenticated as this peer"),
  SHUTTING_DOWN(9, "relay shutting down"),
  UNSUPPORTED_VERSION(
      10, "unsupported protocol version: this relay speaks version 2 only; upgrade the agent"),
  IDLE(11, "idle too long"),
  NOT_AUTHENTICATED(12, "answer the CHALLENGE with HELLO first");

  private final int code;
  private final String message;

  ErrorCode(int code, String message) {
    this.code = code;
    this.message = message;
  }

  public int code() {
    return code;
  }

  public String message() {
    return message;
  }
}
