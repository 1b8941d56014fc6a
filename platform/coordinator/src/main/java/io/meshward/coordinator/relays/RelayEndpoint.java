package io.meshward.coordinator.relays;

/** A relay as agents see it: which relay (for its credential) and where to connect. */
record RelayEndpoint(String relayId, String address) {}
