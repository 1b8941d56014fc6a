package io.meshward.agent.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.logging.Logger;

/**
 * Stands in for one relayed peer on this device: a UDP socket on 127.0.0.1 that WireGuard uses as
 * the peer's endpoint. Datagrams WireGuard sends to it leave as DATA frames to that peer; frames
 * from that peer are sent from this socket to WireGuard's listen port, so WireGuard sees them come
 * from the peer's endpoint. Packets pass unchanged: they are WireGuard ciphertext.
 */
public final class RelayedPeerProxy implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RelayedPeerProxy.class.getName());

  /** Sends a packet towards the peer; returns false when it was dropped. */
  @FunctionalInterface
  public interface Uplink {
    boolean send(byte[] destinationPeerId, byte[] packet, int offset, int length);
  }

  private final String peerId;
  private final byte[] peerIdBytes;
  private final InetSocketAddress wireGuard;
  private final Uplink uplink;
  private final DatagramChannel channel;
  private final InetSocketAddress local;
  private final Thread reader;

  private RelayedPeerProxy(
      String peerId, InetSocketAddress wireGuard, Uplink uplink, DatagramChannel channel)
      throws IOException {
    this.peerId = peerId;
    this.peerIdBytes = RelayFrames.peerId(peerId);
    this.wireGuard = wireGuard;
    this.uplink = uplink;
    this.channel = channel;
    this.local = (InetSocketAddress) channel.getLocalAddress();
    this.reader = Thread.ofVirtual().name("relay-proxy-" + peerId).start(this::readFromWireGuard);
  }

  /**
   * Opens the proxy for {@code peerId} on 127.0.0.1 with an ephemeral port.
   *
   * @param wireGuardPort the local WireGuard interface's listen port
   */
  public static RelayedPeerProxy open(String peerId, int wireGuardPort, Uplink uplink)
      throws IOException {
    if (wireGuardPort < 1 || wireGuardPort > 65535) {
      throw new IllegalArgumentException(
          "relaying needs WireGuard's listen port (1-65535), not " + wireGuardPort);
    }
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      channel.bind(new InetSocketAddress(loopback, 0));
      return new RelayedPeerProxy(
          peerId, new InetSocketAddress(loopback, wireGuardPort), uplink, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public String peerId() {
    return peerId;
  }

  /** The endpoint WireGuard should use for the peer, {@code 127.0.0.1:port}. */
  public String endpoint() {
    return "127.0.0.1:" + local.getPort();
  }

  public int port() {
    return local.getPort();
  }

  /** Hands a packet that came from the peer through the relay to WireGuard. */
  public void deliver(byte[] packet) {
    try {
      channel.send(ByteBuffer.wrap(packet), wireGuard);
    } catch (ClosedChannelException e) {
      // closing: the packet is lost like any other UDP packet
    } catch (IOException e) {
      LOG.fine("relayed packet from " + peerId + " not delivered to WireGuard: " + e);
    }
  }

  private void readFromWireGuard() {
    ByteBuffer buffer = ByteBuffer.allocate(RelayFrames.MAX_PACKET + 1);
    while (channel.isOpen()) {
      buffer.clear();
      InetSocketAddress from;
      try {
        from = (InetSocketAddress) channel.receive(buffer);
      } catch (IOException e) {
        return; // closed
      }
      if (from == null || !from.equals(wireGuard)) {
        continue; // only the local WireGuard may send through the relay as this device
      }
      int length = buffer.position();
      if (length == 0 || length > RelayFrames.MAX_PACKET) {
        LOG.fine("datagram of " + length + " bytes for " + peerId + " cannot be relayed");
        continue;
      }
      uplink.send(peerIdBytes, buffer.array(), 0, length);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
    reader.interrupt();
  }

  @Override
  public String toString() {
    return "RelayedPeerProxy[" + peerId + " at " + endpoint() + "]";
  }
}
