package io.meshward.agent.relay;

import java.util.Optional;

/**
 * Where a {@link RelayClient} stands. {@code error} is the last ERROR the relay sent, if that is
 * why the client is waiting or refused.
 */
public record RelayStatus(State state, Optional<RelayError> error, String detail) {

  /** The client's life cycle. */
  public enum State {
    /** Opening the TCP connection or waiting for HELLO_OK. */
    CONNECTING,
    /** Authenticated: DATA frames flow. */
    CONNECTED,
    /** Lost the connection; reconnecting after a backoff delay. */
    WAITING,
    /** Refused for a reason retrying cannot fix; waits for a new network map. */
    REFUSED,
    /** Closed by its owner. */
    CLOSED
  }
}
