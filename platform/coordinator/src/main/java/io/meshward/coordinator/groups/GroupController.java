package io.meshward.coordinator.groups;

import io.meshward.coordinator.auth.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Groups of the caller's account. Members are managed under {@code /groups/{id}/peers}. */
@RestController
@RequestMapping("/api/v1/groups")
class GroupController {

  record GroupRequest(
      @NotBlank
          @Size(max = 100)
          @Pattern(
              regexp = "[A-Za-z0-9][A-Za-z0-9_.:-]*",
              message = "must start with a letter or digit and use only letters, digits, _ . : -")
          String name) {}

  record GroupView(String id, String name, Instant createdAt, Set<String> peers) {}

  private final GroupService groups;

  GroupController(GroupService groups) {
    this.groups = groups;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  GroupView create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody GroupRequest body) {
    return view(groups.create(caller.accountId(), body.name(), caller.actor()));
  }

  @GetMapping
  List<GroupView> list(@AuthenticationPrincipal Caller caller) {
    return groups.list(caller.accountId()).stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  GroupView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return view(groups.get(caller.accountId(), id));
  }

  @PutMapping("/{id}")
  GroupView rename(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @Valid @RequestBody GroupRequest body) {
    return view(groups.rename(caller.accountId(), id, body.name(), caller.actor()));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    groups.delete(caller.accountId(), id, caller.actor());
  }

  private GroupView view(MeshGroup g) {
    return new GroupView(g.id(), g.name(), g.createdAt(), groups.memberIds(g.id()));
  }
}
