package io.meshward.agent.relay;

import io.meshward.protocol.relay.HelloProof;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encoding and decoding of relay protocol version 2 frames (docs/relay-protocol.md). */
final class RelayFrames {

  static final int VERSION = 2;
  static final int HELLO = 0x01;
  static final int HELLO_OK = 0x02;
  static final int DATA = 0x03;
  static final int ERROR = 0x04;
  static final int PING = 0x05;
  static final int PONG = 0x06;
  static final int CHALLENGE = 0x07;

  static final int MAX_ID_BYTES = 128;
  static final int MAX_RELAY_ID_BYTES = 128;
  static final int MAX_PACKET = 2048;
  static final int MAX_LENGTH = 1 + 1 + MAX_ID_BYTES + MAX_PACKET;

  private RelayFrames() {}

  /** One frame as read: its type and body. */
  record Frame(int type, byte[] body) {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] peerId(String peerId) {
    byte[] id = utf8(peerId);
    if (id.length < 1 || id.length > MAX_ID_BYTES) {
      throw new IllegalArgumentException(
          "peer id '" + peerId + "' must be 1-" + MAX_ID_BYTES + " bytes of UTF-8");
    }
    return id;
  }

  /** A relay's CHALLENGE: the nonce of this connection and the relay's id. */
  record Challenge(byte[] nonce, byte[] relayIdBytes) {
    String relayId() {
      return new String(relayIdBytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads a CHALLENGE body of this version: {@code version:u8 nonce[32] idLen:u8 relayId}. The
   * caller has checked the version; anything else that does not fit the layout exactly is an error.
   */
  static Challenge parseChallenge(byte[] body) throws IOException {
    int fixed = 1 + HelloProof.NONCE_BYTES + 1;
    if (body.length < fixed) {
      throw new IOException(
          "the relay sent a truncated CHALLENGE ("
              + body.length
              + " bytes, at least "
              + fixed
              + ")");
    }
    int idLength = body[fixed - 1] & 0xff;
    if (idLength < 1 || idLength > MAX_RELAY_ID_BYTES || body.length != fixed + idLength) {
      throw new IOException(
          "the relay sent a malformed CHALLENGE ("
              + body.length
              + " bytes with a relay id of "
              + idLength
              + ")");
    }
    byte[] relayId = Arrays.copyOfRange(body, fixed, body.length);
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(relayId));
    } catch (CharacterCodingException e) {
      throw new IOException("the relay sent a CHALLENGE whose relay id is not UTF-8");
    }
    return new Challenge(Arrays.copyOfRange(body, 1, 1 + HelloProof.NONCE_BYTES), relayId);
  }

  /** HELLO: {@code version:u8 idLen:u8 peerId proof[32]}, answering {@code challenge}. */
  static byte[] hello(String selfPeerId, String credential, Challenge challenge) {
    byte[] id = peerId(selfPeerId);
    byte[] proof =
        HelloProof.fromCredential(credential, challenge.relayIdBytes(), challenge.nonce(), id);
    int length = 1 + 1 + 1 + id.length + proof.length;
    byte[] frame = new byte[2 + length];
    int at = header(frame, length, HELLO);
    frame[at++] = VERSION;
    frame[at++] = (byte) id.length;
    System.arraycopy(id, 0, frame, at, id.length);
    System.arraycopy(proof, 0, frame, at + id.length, proof.length);
    return frame;
  }

  static byte[] data(byte[] destinationId, byte[] packet, int offset, int packetLength) {
    if (packetLength < 1 || packetLength > MAX_PACKET) {
      throw new IllegalArgumentException(
          "a relayed packet must be 1-" + MAX_PACKET + " bytes, not " + packetLength);
    }
    int length = 1 + 1 + destinationId.length + packetLength;
    byte[] frame = new byte[2 + length];
    int at = header(frame, length, DATA);
    frame[at++] = (byte) destinationId.length;
    System.arraycopy(destinationId, 0, frame, at, destinationId.length);
    System.arraycopy(packet, offset, frame, at + destinationId.length, packetLength);
    return frame;
  }

  static byte[] ping() {
    byte[] frame = new byte[3];
    header(frame, 1, PING);
    return frame;
  }

  private static int header(byte[] frame, int length, int type) {
    frame[0] = (byte) (length >>> 8);
    frame[1] = (byte) length;
    frame[2] = (byte) type;
    return 3;
  }

  /** Reads one frame; a length outside the protocol's limits is a broken relay, not data. */
  static Frame read(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readUnsignedShort();
    } catch (EOFException e) {
      return null;
    }
    if (length < 1 || length > MAX_LENGTH) {
      throw new IOException("the relay sent a frame of length " + length + ", outside 1-2178");
    }
    int type = in.readUnsignedByte();
    byte[] body = new byte[length - 1];
    in.readFully(body);
    return new Frame(type, body);
  }

  /** A DATA body from the relay: the source peer id and the packet. */
  record Data(String sourcePeerId, byte[] packet) {}

  static Data parseData(byte[] body) throws IOException {
    if (body.length < 2) {
      throw new IOException("the relay sent a DATA frame without a packet");
    }
    int idLength = body[0] & 0xff;
    if (idLength < 1 || idLength > MAX_ID_BYTES || body.length < 1 + idLength + 1) {
      throw new IOException("the relay sent a malformed DATA frame");
    }
    String source = new String(body, 1, idLength, StandardCharsets.UTF_8);
    byte[] packet = new byte[body.length - 1 - idLength];
    System.arraycopy(body, 1 + idLength, packet, 0, packet.length);
    return new Data(source, packet);
  }
}
