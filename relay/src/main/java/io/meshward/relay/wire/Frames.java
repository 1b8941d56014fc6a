package io.meshward.relay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The relay's agent-facing wire format (docs/relay-protocol.md is the reference). Every frame is
 * {@code length:u16 type:u8 body}, where {@code length} counts the type byte and the body.
 */
public final class Frames {

  public static final int PROTOCOL_VERSION = 1;

  public static final byte HELLO = 0x01;
  public static final byte HELLO_OK = 0x02;
  public static final byte DATA = 0x03;
  public static final byte ERROR = 0x04;
  public static final byte PING = 0x05;
  public static final byte PONG = 0x06;

  /** Bytes of the length prefix. */
  public static final int LENGTH_FIELD = 2;

  public static final int MAX_PEER_ID = 128;
  public static final int MAX_CREDENTIAL = 255;

  /** The largest WireGuard packet a DATA frame may carry. */
  public static final int MAX_PACKET = 2048;

  /** The largest value of the length field: a DATA frame with the longest id and packet. */
  public static final int MAX_FRAME = 1 + 1 + MAX_PEER_ID + MAX_PACKET;

  private Frames() {}

  public static ByteBuf helloOk(ByteBufAllocator alloc) {
    ByteBuf buf = alloc.buffer(LENGTH_FIELD + 4);
    buf.writeShort(4).writeByte(HELLO_OK).writeByte(PROTOCOL_VERSION).writeShort(MAX_PACKET);
    return buf;
  }

  public static ByteBuf pong(ByteBufAllocator alloc) {
    ByteBuf buf = alloc.buffer(LENGTH_FIELD + 1);
    buf.writeShort(1).writeByte(PONG);
    return buf;
  }

  public static ByteBuf error(ByteBufAllocator alloc, ErrorCode code) {
    byte[] text = code.message().getBytes(StandardCharsets.UTF_8);
    ByteBuf buf = alloc.buffer(LENGTH_FIELD + 2 + text.length);
    buf.writeShort(2 + text.length).writeByte(ERROR).writeByte(code.code()).writeBytes(text);
    return buf;
  }
}
