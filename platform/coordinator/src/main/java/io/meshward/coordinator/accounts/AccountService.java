package io.meshward.coordinator.accounts;

import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.audit.AuditLog;
import io.meshward.coordinator.auth.ApiTokenService;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts; each starts with one admin token. */
@Service
public class AccountService {

  private final AccountRepository accounts;
  private final ApiTokenService tokens;
  private final AuditLog audit;
  private final AccountProperties properties;
  private final Clock clock;

  AccountService(
      AccountRepository accounts,
      ApiTokenService tokens,
      AuditLog audit,
      AccountProperties properties,
      Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional
  public NewAccount createAccount(String name, String actor) {
    Account account =
        accounts.save(new Account(name, properties.defaultMeshRange(), clock.instant()));
    audit.record(
        account.id(),
        actor,
        "account.created",
        account.id(),
        null,
        Map.of("name", name, "meshRange", account.meshRange()));
    String token = tokens.create(account.id(), "initial admin token", actor).token();
    return new NewAccount(account.id(), token);
  }

  @Transactional(readOnly = true)
  public Account get(String accountId) {
    return accounts
        .findById(accountId)
        .orElseThrow(() -> new NotFoundException("account", accountId));
  }

  @Transactional(readOnly = true)
  public boolean anyAccountExists() {
    return accounts.count() > 0;
  }
}
