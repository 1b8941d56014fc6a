package io.meshward.coordinator.networkmap;

import io.meshward.protocol.v1.RelayInfo;
import java.util.List;

/**
 * The relays an agent is given in its map, each with the credential that admits the agent there.
 * Called on the network map's worker thread for every map it builds, so it must answer from memory.
 */
public interface AgentRelays {

  List<RelayInfo> relaysFor(String accountId, String peerId);
}
