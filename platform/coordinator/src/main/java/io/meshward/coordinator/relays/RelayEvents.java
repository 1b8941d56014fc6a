package io.meshward.coordinator.relays;

/** Committed changes to relays and relay credentials; {@link RelayTriggers} acts on them. */
final class RelayEvents {

  private RelayEvents() {}

  record RelayAdded(String accountId, String relayId) {}

  record RelayDeleted(String accountId, String relayId) {}

  record CredentialRotated(String accountId, String peerId, long generation) {}
}
