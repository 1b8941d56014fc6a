package io.meshward.coordinator.groups;

import java.util.Set;

/** The group membership of these peers changed (a group was deleted, or members were set). */
public record GroupMembershipChanged(String accountId, Set<String> peerIds) {}
