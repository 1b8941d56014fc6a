package io.meshward.coordinator.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

/** Personal access tokens of the caller's account. */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {

  record CreateTokenRequest(@NotBlank @Size(max = 200) String name) {}

  record TokenView(String id, String name, String createdBy, Instant createdAt, Instant revokedAt) {
    static TokenView of(ApiToken t) {
      return new TokenView(t.id(), t.name(), t.createdBy(), t.createdAt(), t.revokedAt());
    }
  }

  private final ApiTokenService tokens;

  ApiTokenController(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  /** The response holds the token itself; it is never shown again. */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  IssuedToken create(
      @AuthenticationPrincipal Caller caller, @Valid @RequestBody CreateTokenRequest request) {
    return tokens.create(caller.accountId(), request.name(), caller.actor());
  }

  @GetMapping
  List<TokenView> list(@AuthenticationPrincipal Caller caller) {
    return tokens.list(caller.accountId()).stream().map(TokenView::of).toList();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    tokens.revoke(caller.accountId(), id, caller.actor());
  }
}
