package io.meshward.agent.relay;

/** What a {@link RelayClient} tells its owner. Called from the client's reader thread. */
public interface RelayListener {

  /** A WireGuard packet from {@code sourcePeerId}, unchanged by the relay. */
  void packet(String sourcePeerId, byte[] packet);

  /** The connection changed state; {@code status.detail()} says why, for people. */
  default void status(RelayStatus status) {}
}
