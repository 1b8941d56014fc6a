package io.meshward.coordinator.relays;

import io.meshward.coordinator.auth.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Relays of the caller's account, and rotation of a peer's relay credentials. */
@RestController
@RequestMapping("/api/v1/relays")
class RelayController {

  record RegisterRelayRequest(
      @NotBlank @Size(max = 200) String name,
      @NotNull @Size(max = RelayAddress.MAX_LENGTH) String address) {}

  record RelayView(
      String id,
      String name,
      String address,
      String createdBy,
      Instant createdAt,
      boolean connected) {}

  record RotatedCredential(String peerId, long generation) {}

  private final RelayService relays;
  private final RelayCredentialService credentials;
  private final RelaySubscriptions subscriptions;

  RelayController(
      RelayService relays, RelayCredentialService credentials, RelaySubscriptions subscriptions) {
    this.relays = relays;
    this.credentials = credentials;
    this.subscriptions = subscriptions;
  }

  /** The response holds the relay's token; it is never shown again. */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  IssuedRelay register(
      @AuthenticationPrincipal Caller caller, @Valid @RequestBody RegisterRelayRequest request) {
    return relays.register(
        caller.accountId(), request.name().trim(), request.address().trim(), caller.actor());
  }

  @GetMapping
  List<RelayView> list(@AuthenticationPrincipal Caller caller) {
    return relays.list(caller.accountId()).stream()
        .map(
            r ->
                new RelayView(
                    r.id(),
                    r.name(),
                    r.address(),
                    r.createdBy(),
                    r.createdAt(),
                    subscriptions.isConnected(r.id())))
        .toList();
  }

  /** Deletes the relay and ends its subscription at once; agents' maps drop it. */
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    relays.delete(caller.accountId(), id, caller.actor());
  }

  /** Gives the peer new relay credentials; the old ones stop working at every relay. */
  @PostMapping("/credentials/{peerId}/rotate")
  RotatedCredential rotate(@AuthenticationPrincipal Caller caller, @PathVariable String peerId) {
    return new RotatedCredential(
        peerId, credentials.rotate(caller.accountId(), peerId, caller.actor()));
  }
}
