package io.meshward.coordinator.accounts;

/** A freshly created account with the one-time plaintext admin token (shown once, never stored). */
public record NewAccount(String accountId, String adminToken) {

  @Override
  public String toString() {
    return "NewAccount[accountId=" + accountId + ", adminToken=<hidden>]";
  }
}
