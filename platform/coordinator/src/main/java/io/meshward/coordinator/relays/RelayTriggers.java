package io.meshward.coordinator.relays;

import io.grpc.Status;
import io.meshward.coordinator.networkmap.NetworkMapService;
import io.meshward.coordinator.peers.PeerEvents;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Acts on committed relay changes: agents' maps list the account's relays, so adding or deleting
 * one rebuilds them; a deleted relay's stream ends at once; a rotated credential reaches both the
 * agent's map and the relays.
 */
@Component
class RelayTriggers {

  private final NetworkMapService maps;
  private final AgentRelayDirectory directory;
  private final RelaySubscriptions subscriptions;
  private final CredentialGenerations generations;

  RelayTriggers(
      NetworkMapService maps,
      AgentRelayDirectory directory,
      RelaySubscriptions subscriptions,
      CredentialGenerations generations) {
    this.maps = maps;
    this.directory = directory;
    this.subscriptions = subscriptions;
    this.generations = generations;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(RelayEvents.RelayAdded e) {
    directory.forget(e.accountId());
    maps.changed(e.accountId(), Set.of());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(RelayEvents.RelayDeleted e) {
    subscriptions.close(
        e.relayId(), Status.UNAUTHENTICATED.withDescription(RelayControlService.DELETED));
    directory.forget(e.accountId());
    maps.changed(e.accountId(), Set.of());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(RelayEvents.CredentialRotated e) {
    generations.rotated(e.accountId(), e.peerId(), e.generation());
    subscriptions.credentialsChanged(e.accountId());
    maps.changed(e.accountId(), Set.of(e.peerId()));
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(PeerEvents.PeerDeleted e) {
    generations.forget(e.accountId(), e.peerId());
  }
}
