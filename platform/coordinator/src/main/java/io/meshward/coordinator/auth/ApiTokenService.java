package io.meshward.coordinator.auth;

import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.audit.AuditLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists, revokes and checks personal access tokens. */
@Service
public class ApiTokenService {

  static final String PREFIX = "mwt_";

  private final ApiTokenRepository tokens;
  private final AuditLog audit;
  private final Clock clock;

  ApiTokenService(ApiTokenRepository tokens, AuditLog audit, Clock clock) {
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public IssuedToken create(String accountId, String name, String actor) {
    String secret = SecretTokens.generate(PREFIX);
    ApiToken token =
        tokens.save(
            new ApiToken(accountId, name, SecretTokens.sha256Hex(secret), actor, clock.instant()));
    audit.record(accountId, actor, "token.created", token.id(), null, Map.of("name", name));
    return new IssuedToken(token.id(), token.name(), secret, token.createdAt());
  }

  @Transactional(readOnly = true)
  public List<ApiToken> list(String accountId) {
    return tokens.findByAccountIdOrderByCreatedAt(accountId);
  }

  @Transactional
  public void revoke(String accountId, String tokenId, String actor) {
    ApiToken token =
        tokens
            .findByIdAndAccountId(tokenId, accountId)
            .orElseThrow(() -> new NotFoundException("token", tokenId));
    if (token.revokedAt() == null) {
      token.revoke(clock.instant());
      audit.record(
          accountId,
          actor,
          "token.revoked",
          token.id(),
          Map.of("name", token.name(), "revoked", false),
          Map.of("name", token.name(), "revoked", true));
    }
  }

  /** The caller a presented token stands for, if it is known and not revoked. */
  @Transactional(readOnly = true)
  public Optional<Caller> verify(String presented) {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
      return Optional.empty();
    }
    String hash = SecretTokens.sha256Hex(presented);
    return tokens
        .findByTokenHash(hash)
        .filter(t -> SecretTokens.sameHash(t.tokenHash(), hash))
        .filter(t -> t.revokedAt() == null)
        .map(t -> new Caller(t.accountId(), "token:" + t.id() + " (" + t.name() + ")"));
  }
}
