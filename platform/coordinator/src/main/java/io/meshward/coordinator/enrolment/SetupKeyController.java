package io.meshward.coordinator.enrolment;

import io.meshward.coordinator.auth.Caller;
import io.meshward.coordinator.tls.CertificateAuthority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
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

/**
 * Setup keys of the caller's account. The key itself is in the creation response only, together
 * with the CA fingerprint the agent pins ({@code meshward-agent up --setup-key ... --ca-fingerprint
 * ...}).
 */
@RestController
@RequestMapping("/api/v1/setup-keys")
class SetupKeyController {

  record CreateRequest(
      @NotBlank @Size(max = 200) String name,
      Boolean reusable,
      @Min(0) @Max(1_000_000) Integer usageLimit,
      Instant expiresAt,
      Set<@NotBlank String> autoGroups) {}

  record UpdateRequest(
      @Size(min = 1, max = 200) String name, Set<@NotBlank String> autoGroups, Boolean revoked) {}

  record SetupKeyView(
      String id,
      String name,
      boolean reusable,
      int usageLimit,
      int usedCount,
      Instant expiresAt,
      boolean revoked,
      SetupKey.State state,
      Set<String> autoGroups,
      Instant createdAt,
      String key,
      String caFingerprint) {}

  private final SetupKeyService keys;
  private final CertificateAuthority ca;
  private final Clock clock;

  SetupKeyController(SetupKeyService keys, CertificateAuthority ca, Clock clock) {
    this.keys = keys;
    this.ca = ca;
    this.clock = clock;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  SetupKeyView create(
      @AuthenticationPrincipal Caller caller, @Valid @RequestBody CreateRequest body) {
    var created =
        keys.create(
            caller.accountId(),
            body.name(),
            Boolean.TRUE.equals(body.reusable()),
            body.usageLimit(),
            body.expiresAt(),
            body.autoGroups() == null ? Set.of() : body.autoGroups(),
            caller.actor());
    return view(created.key(), created.plaintext());
  }

  @GetMapping
  List<SetupKeyView> list(@AuthenticationPrincipal Caller caller) {
    return keys.list(caller.accountId()).stream().map(k -> view(k, null)).toList();
  }

  @GetMapping("/{id}")
  SetupKeyView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return view(keys.get(caller.accountId(), id), null);
  }

  @PutMapping("/{id}")
  SetupKeyView update(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @Valid @RequestBody UpdateRequest body) {
    var changes = new SetupKeyService.Changes(body.name(), body.autoGroups(), body.revoked());
    return view(keys.update(caller.accountId(), id, changes, caller.actor()), null);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    keys.delete(caller.accountId(), id, caller.actor());
  }

  private SetupKeyView view(SetupKey k, String plaintext) {
    return new SetupKeyView(
        k.id(),
        k.name(),
        k.reusable(),
        k.usageLimit(),
        k.usedCount(),
        k.expiresAt(),
        k.revoked(),
        k.state(clock.instant()),
        k.autoGroups(),
        k.createdAt(),
        plaintext,
        ca.fingerprint());
  }
}
