package io.meshward.coordinator.peers;

import io.meshward.coordinator.auth.Caller;
import io.meshward.coordinator.groups.GroupService;
import io.meshward.coordinator.groups.MeshGroup;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Peers of the caller's account. Deleting a peer revokes its device certificate at once. */
@RestController
@RequestMapping("/api/v1")
class PeerController {

  record RenameRequest(
      @NotBlank
          @Size(max = 63)
          @Pattern(
              regexp = "[a-z0-9]([a-z0-9-]*[a-z0-9])?",
              message = "must be a DNS label: lowercase letters, digits and inner hyphens")
          String name) {}

  record SetGroupsRequest(@NotNull Set<@NotBlank String> groupIds) {}

  record SetMembersRequest(@NotNull Set<@NotBlank String> peerIds) {}

  record GroupRef(String id, String name) {}

  record PeerView(
      String id,
      String name,
      String hostname,
      String meshAddress,
      String wireguardPublicKey,
      String os,
      String agentVersion,
      Instant lastSeenAt,
      Instant createdAt,
      Instant certificateExpiresAt,
      List<String> endpoints,
      List<GroupRef> groups) {}

  record MembersView(String groupId, Set<String> peers) {}

  private final PeerService peers;
  private final GroupService groups;

  PeerController(PeerService peers, GroupService groups) {
    this.peers = peers;
    this.groups = groups;
  }

  @GetMapping("/peers")
  List<PeerView> list(@AuthenticationPrincipal Caller caller) {
    Map<String, MeshGroup> byId = groupsById(caller);
    return peers.list(caller.accountId()).stream().map(p -> view(p, byId)).toList();
  }

  @GetMapping("/peers/{id}")
  PeerView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return view(peers.get(caller.accountId(), id), groupsById(caller));
  }

  @PatchMapping("/peers/{id}")
  PeerView rename(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @Valid @RequestBody RenameRequest body) {
    return view(
        peers.rename(caller.accountId(), id, body.name(), caller.actor()), groupsById(caller));
  }

  @PutMapping("/peers/{id}/groups")
  PeerView setGroups(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @Valid @RequestBody SetGroupsRequest body) {
    return view(
        peers.setGroups(caller.accountId(), id, body.groupIds(), caller.actor()),
        groupsById(caller));
  }

  @DeleteMapping("/peers/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    peers.delete(caller.accountId(), id, caller.actor());
  }

  @PutMapping("/groups/{id}/peers")
  MembersView setMembers(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @Valid @RequestBody SetMembersRequest body) {
    return new MembersView(
        id, peers.setGroupMembers(caller.accountId(), id, body.peerIds(), caller.actor()));
  }

  private Map<String, MeshGroup> groupsById(Caller caller) {
    return groups.list(caller.accountId()).stream()
        .collect(Collectors.toMap(MeshGroup::id, Function.identity()));
  }

  private static PeerView view(Peer p, Map<String, MeshGroup> groups) {
    List<GroupRef> refs =
        p.groupIds().stream()
            .map(groups::get)
            .filter(java.util.Objects::nonNull)
            .map(g -> new GroupRef(g.id(), g.name()))
            .sorted(Comparator.comparing(GroupRef::name))
            .toList();
    return new PeerView(
        p.id(),
        p.name(),
        p.hostname(),
        p.meshAddress(),
        p.wireguardPublicKey(),
        p.os(),
        p.agentVersion(),
        p.lastSeenAt(),
        p.createdAt(),
        p.certExpiresAt(),
        p.endpoints(),
        refs);
  }
}
