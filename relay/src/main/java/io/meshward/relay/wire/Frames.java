package io.meshward.relay.wire;

import io.meshward.protocol.relay.HelloProof;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The relay's agent-facing wire format (docs/relay-protocol.md is the reference). Every frame is
 * {@code length:u16 type:u8 body}, where {@code length} counts the type byte and the body.
 */
public final class Frames {

  public static final int PROTOCOL_VERSION = 2;

  public static final byte HELLO = 0x01;
  public static final byte HELLO_OK = 0x02;
  public static final byte DATA = 0x03;
  public static final byte ERROR = 0x04;
  public static final byte PING = 0x05;
  public static final byte PONG = 0x06;
  public static final byte CHALLENGE = 0x07;

  /** Bytes of the length prefix. */
  public static final int LENGTH_FIELD = 2;

  public static final int MAX_PEER_ID = 128;

  /** The longest relay id a CHALLENGE can carry (UTF-8 bytes). */
  public static final int MAX_RELAY_ID = 128;

  /** The largest WireGuard packet a DATA frame may carry. */
  public static final int MAX_PACKET = 2048;

  /** The largest value of the length field: a DATA frame with the longest id and packet. */
  public static final int MAX_FRAME = 1 + 1 + MAX_PEER_ID + MAX_PACKET;

  private Frames() {}

  /**
   * CHALLENGE body: {@code version:u8 nonce[32] relayIdLen:u8 relayId}. The first frame the relay
   * sends on every connection.
   */
  public static ByteBuf challenge(ByteBufAllocator alloc, byte[] nonce, byte[] relayId) {
    if (nonce.length != HelloProof.NONCE_BYTES) {
      throw new IllegalArgumentException("a nonce is " + HelloProof.NONCE_BYTES + " bytes");
    }
    int length = 1 + 1 + nonce.length + 1 + relayId.length;
    ByteBuf buf = alloc.buffer(LENGTH_FIELD + length);
    buf.writeShort(length)
        .writeByte(CHALLENGE)
        .writeByte(PROTOCOL_VERSION)
        .writeBytes(nonce)
        .writeByte(relayId.length)
        .writeBytes(relayId);
    return buf;
  }

  /**
   * The relay id as a CHALLENGE carries it: 1-{@value #MAX_RELAY_ID} bytes of UTF-8.
   *
   * @throws IllegalArgumentException if it does not fit
   */
  public static byte[] relayId(String relayId) {
    byte[] bytes = relayId == null ? new byte[0] : relayId.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 1 || bytes.length > MAX_RELAY_ID) {
      throw new IllegalArgumentException(
          "the relay id must be 1-" + MAX_RELAY_ID + " bytes of UTF-8, not " + bytes.length);
    }
    return bytes;
  }

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
