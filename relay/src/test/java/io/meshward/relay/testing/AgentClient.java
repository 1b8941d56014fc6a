package io.meshward.relay.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A plain-Java agent speaking docs/relay-protocol.md over a blocking socket — the way an agent
 * would implement it, and deliberately independent of the relay's own code.
 */
public final class AgentClient implements AutoCloseable {

  public static final int HELLO = 1;
  public static final int HELLO_OK = 2;
  public static final int DATA = 3;
  public static final int ERROR = 4;
  public static final int PING = 5;
  public static final int PONG = 6;
  public static final int CHALLENGE = 7;
  public static final int VERSION = 2;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  /** One frame from the relay; for DATA, {@code peer} is the sender. */
  public record Frame(int type, String peer, byte[] payload, int errorCode) {}

  /** The relay's CHALLENGE: its version, the nonce of this connection and the relay id. */
  public record Challenge(int version, byte[] nonce, String relayId) {}

  private Challenge challenge;

  private AgentClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  public static AgentClient connect(InetSocketAddress relay) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", relay.getPort()), 5_000);
    socket.setSoTimeout(10_000);
    return new AgentClient(socket);
  }

  /** Connects and authenticates; fails unless the relay answers HELLO_OK. */
  public static AgentClient authenticated(InetSocketAddress relay, String peer, String credential)
      throws IOException {
    AgentClient client = connect(relay);
    Frame reply = client.hello(peer, credential);
    if (reply.type() != HELLO_OK) {
      client.close();
      throw new IOException("relay refused " + peer + ": error " + reply.errorCode());
    }
    return client;
  }

  /** The CHALLENGE the relay sent first on this connection (read on first use). */
  public Challenge challenge() throws IOException {
    if (challenge == null) {
      Frame frame = read();
      if (frame.type() != CHALLENGE) {
        throw new IOException("expected CHALLENGE, got frame type " + frame.type());
      }
      byte[] body = frame.payload();
      int idLength = body[1 + 32] & 0xff;
      if (body.length != 1 + 32 + 1 + idLength) {
        throw new IOException("CHALLENGE of the wrong length " + body.length);
      }
      challenge =
          new Challenge(
              body[0] & 0xff,
              Arrays.copyOfRange(body, 1, 33),
              new String(body, 34, idLength, StandardCharsets.UTF_8));
    }
    return challenge;
  }

  /** Answers this connection's CHALLENGE as a correct agent would; returns the relay's reply. */
  public Frame hello(String peer, String credential) throws IOException {
    Challenge c = challenge();
    return helloWithProof(peer, proof(credential, c.relayId(), c.nonce(), peer));
  }

  /** Sends a version 2 HELLO carrying {@code proof}, whatever it is; returns the relay's reply. */
  public Frame helloWithProof(String peer, byte[] proof) throws IOException {
    challenge();
    sendRaw(helloFrame(peer, proof));
    return read();
  }

  /** The bytes of a version 2 HELLO frame. */
  public static byte[] helloFrame(String peer, byte[] proof) {
    byte[] id = peer.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[2 + 1 + 1 + 1 + id.length + proof.length];
    int length = frame.length - 2;
    frame[0] = (byte) (length >>> 8);
    frame[1] = (byte) length;
    frame[2] = HELLO;
    frame[3] = VERSION;
    frame[4] = (byte) id.length;
    System.arraycopy(id, 0, frame, 5, id.length);
    System.arraycopy(proof, 0, frame, 5 + id.length, proof.length);
    return frame;
  }

  /**
   * The proof of docs/relay-protocol.md, written from the document: HMAC-SHA256 keyed with
   * SHA-256(credential) over the length-prefixed label, relay id, nonce and peer id.
   */
  public static byte[] proof(String credential, String relayId, byte[] nonce, String peer) {
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] field :
          new byte[][] {
            "meshward relay hello v2".getBytes(StandardCharsets.US_ASCII),
            relayId.getBytes(StandardCharsets.UTF_8),
            nonce,
            peer.getBytes(StandardCharsets.UTF_8)
          }) {
        mac.update((byte) field.length);
        mac.update(field);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public void send(String destination, byte[] packet) throws IOException {
    byte[] id = destination.getBytes(StandardCharsets.UTF_8);
    out.writeShort(1 + 1 + id.length + packet.length);
    out.writeByte(DATA);
    out.writeByte(id.length);
    out.write(id);
    out.write(packet);
    out.flush();
  }

  public void send(String destination, String text) throws IOException {
    send(destination, text.getBytes(StandardCharsets.UTF_8));
  }

  public void ping() throws IOException {
    out.writeShort(1);
    out.writeByte(PING);
    out.flush();
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame; throws {@link EOFException} if the relay closed the connection. */
  public Frame read() throws IOException {
    int length = in.readUnsignedShort();
    int type = in.readUnsignedByte();
    byte[] body = new byte[length - 1];
    in.readFully(body);
    return switch (type) {
      case DATA -> {
        int idLength = body[0] & 0xff;
        String peer = new String(body, 1, idLength, StandardCharsets.UTF_8);
        byte[] payload = new byte[body.length - 1 - idLength];
        System.arraycopy(body, 1 + idLength, payload, 0, payload.length);
        yield new Frame(type, peer, payload, 0);
      }
      case ERROR -> new Frame(type, null, body, body[0] & 0xff);
      default -> new Frame(type, null, body, 0);
    };
  }

  /** Exactly {@code n} raw bytes from the relay, for byte-level checks. */
  public byte[] readRaw(int n) throws IOException {
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return bytes;
  }

  /** Reads until the relay closes the connection; returns the ERROR code it sent, or 0. */
  public int awaitClosed() throws IOException {
    int code = 0;
    try {
      while (true) {
        Frame frame = read();
        if (frame.type() == ERROR) {
          code = frame.errorCode();
        }
      }
    } catch (EOFException e) {
      return code;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("relay did not close the connection", e);
    } catch (IOException e) {
      // a reset after the ERROR frame is a close as well
      return code;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
