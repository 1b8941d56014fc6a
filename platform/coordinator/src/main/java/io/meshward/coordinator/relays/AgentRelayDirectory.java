package io.meshward.coordinator.relays;

import io.meshward.coordinator.networkmap.AgentRelays;
import io.meshward.protocol.v1.RelayInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Puts every relay of the account into each agent's map, with the agent's credential for that
 * relay. Relays are cached per account (forgotten when one is added or deleted).
 */
@Component
class AgentRelayDirectory implements AgentRelays {

  private final RelayService relays;
  private final CredentialGenerations generations;
  private final RelayCredentialKey key;
  private final Map<String, List<RelayEndpoint>> byAccount = new ConcurrentHashMap<>();

  AgentRelayDirectory(
      RelayService relays, CredentialGenerations generations, RelayCredentialKey key) {
    this.relays = relays;
    this.generations = generations;
    this.key = key;
  }

  @Override
  public List<RelayInfo> relaysFor(String accountId, String peerId) {
    List<RelayEndpoint> endpoints = byAccount.computeIfAbsent(accountId, relays::endpoints);
    if (endpoints.isEmpty()) {
      return List.of();
    }
    long generation = generations.of(accountId, peerId);
    List<RelayInfo> result = new ArrayList<>(endpoints.size());
    for (RelayEndpoint relay : endpoints) {
      result.add(
          RelayInfo.newBuilder()
              .setAddress(relay.address())
              .setRelayId(relay.relayId())
              .setCredential(key.credential(relay.relayId(), peerId, generation))
              .build());
    }
    return result;
  }

  void forget(String accountId) {
    byAccount.remove(accountId);
  }
}
