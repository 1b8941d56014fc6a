package io.meshward.coordinator.networkmap;

import io.meshward.coordinator.groups.GroupMembershipChanged;
import io.meshward.coordinator.peers.PeerEvents;
import io.meshward.coordinator.policies.PolicyActivated;
import io.meshward.coordinator.posture.PostureVerdictChanged;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Feeds committed changes to the network map; nothing is recomputed for a rolled-back change.
 * Posture reports count only when a verdict changes ({@link PostureVerdictChanged}), not on every
 * report.
 */
@Component
class NetworkMapTriggers {

  private final NetworkMapService maps;

  NetworkMapTriggers(NetworkMapService maps) {
    this.maps = maps;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(PeerEvents.PeerJoined e) {
    maps.changed(e.accountId(), Set.of(e.peerId()));
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(PeerEvents.PeerDeleted e) {
    maps.peerDeleted(e.accountId(), e.peerId());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(PeerEvents.PeerChanged e) {
    maps.changed(e.accountId(), Set.of(e.peerId()));
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(GroupMembershipChanged e) {
    if (!e.peerIds().isEmpty()) {
      maps.changed(e.accountId(), e.peerIds());
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(PolicyActivated e) {
    maps.changed(e.accountId(), Set.of());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(PostureVerdictChanged e) {
    e.accountId().ifPresent(account -> maps.changed(account, Set.of(e.deviceId())));
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(AccessInputsChanged e) {
    maps.changed(e.accountId(), e.peerIds());
  }
}
