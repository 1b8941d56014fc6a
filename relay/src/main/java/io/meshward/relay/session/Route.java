package io.meshward.relay.session;

import io.netty.buffer.ByteBuf;

/**
 * A DATA frame that passed the policy check, on its way to the forwarding handler. One instance per
 * connection is reused for every packet: the handlers of a channel run on one thread and the
 * hand-over is a synchronous call, so nothing is allocated per packet.
 */
public final class Route {

  Session destination;
  ByteBuf frame;
  int idOffset;
  int idLength;
  int packetLength;

  public Route set(Session destination, ByteBuf frame, int idOffset, int idLength, int length) {
    this.destination = destination;
    this.frame = frame;
    this.idOffset = idOffset;
    this.idLength = idLength;
    this.packetLength = length;
    return this;
  }

  public Session destination() {
    return destination;
  }

  /** The whole frame, length prefix included; the receiver of the route owns one reference. */
  public ByteBuf frame() {
    return frame;
  }

  /** Clears the references so a dropped frame is not reachable from here any more. */
  void clear() {
    destination = null;
    frame = null;
  }
}
