package io.meshward.relay.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

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

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  /** One frame from the relay; for DATA, {@code peer} is the sender. */
  public record Frame(int type, String peer, byte[] payload, int errorCode) {}

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

  public Frame hello(String peer, String credential) throws IOException {
    byte[] id = peer.getBytes(StandardCharsets.UTF_8);
    byte[] cred = credential.getBytes(StandardCharsets.UTF_8);
    out.writeShort(1 + 1 + 1 + id.length + 1 + cred.length);
    out.writeByte(HELLO);
    out.writeByte(1);
    out.writeByte(id.length);
    out.write(id);
    out.writeByte(cred.length);
    out.write(cred);
    out.flush();
    return read();
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
