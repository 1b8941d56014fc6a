package io.meshward.coordinator.relays;

import io.meshward.coordinator.audit.AuditLog;
import io.meshward.coordinator.peers.PeerService;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Rotates a peer's relay credentials (all relays at once), e.g. after a device was copied. */
@Service
class RelayCredentialService {

  private final PeerService peers;
  private final CredentialGenerations generations;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  RelayCredentialService(
      PeerService peers,
      CredentialGenerations generations,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.peers = peers;
    this.generations = generations;
    this.audit = audit;
    this.events = events;
  }

  @Transactional
  long rotate(String accountId, String peerId, String actor) {
    peers.get(accountId, peerId);
    long generation = generations.increment(accountId, peerId);
    audit.recordAbout(
        accountId,
        actor,
        "relay_credential.rotated",
        peerId,
        peerId,
        Map.of("generation", generation - 1),
        Map.of("generation", generation));
    events.publishEvent(new RelayEvents.CredentialRotated(accountId, peerId, generation));
    return generation;
  }
}
