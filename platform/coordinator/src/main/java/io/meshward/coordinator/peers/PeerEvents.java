package io.meshward.coordinator.peers;

/** What happened to peers; the network map listens to these after the change is committed. */
public final class PeerEvents {

  private PeerEvents() {}

  public record PeerJoined(String accountId, String peerId) {}

  public record PeerDeleted(String accountId, String peerId) {}

  /** Name, groups or endpoints changed: its own map and its neighbours' maps may change. */
  public record PeerChanged(String accountId, String peerId) {}
}
