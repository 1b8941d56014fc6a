package io.meshward.relay.wire;

import io.netty.handler.codec.CorruptedFrameException;

/** A frame that breaks docs/relay-protocol.md; the connection that sent it is closed. */
public final class MalformedFrameException extends CorruptedFrameException {

  public MalformedFrameException(String message) {
    super(message);
  }
}
