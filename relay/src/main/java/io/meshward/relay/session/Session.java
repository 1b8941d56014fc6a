package io.meshward.relay.session;

import io.netty.channel.Channel;

/**
 * An authenticated agent connection. Holds the SHA-256 of the credential it presented (never the
 * credential itself), so each new snapshot can tell whether the session is still admitted.
 */
public final class Session {

  private final int peer;
  private final String peerId;
  private final byte[] peerIdBytes;
  private final byte[] credentialDigest;
  private final Channel channel;
  private volatile boolean revoked;

  public Session(
      int peer, String peerId, byte[] peerIdBytes, byte[] credentialDigest, Channel channel) {
    this.peer = peer;
    this.peerId = peerId;
    this.peerIdBytes = peerIdBytes;
    this.credentialDigest = credentialDigest;
    this.channel = channel;
  }

  /** The peer's int in the snapshots' {@code PeerIndex}. */
  public int peer() {
    return peer;
  }

  public String peerId() {
    return peerId;
  }

  /** UTF-8 bytes of the peer id; do not modify. */
  public byte[] peerIdBytes() {
    return peerIdBytes;
  }

  public byte[] credentialDigest() {
    return credentialDigest;
  }

  public Channel channel() {
    return channel;
  }

  /** Set the moment a snapshot stops admitting this session, before its channel has closed. */
  public boolean revoked() {
    return revoked;
  }

  void revoke() {
    revoked = true;
  }
}
