package io.meshward.coordinator.auth;

/**
 * Who makes a REST request: the account it acts in and a readable actor name for the audit log.
 * Every authenticator (tokens today, SSO later) produces one of these.
 */
public record Caller(String accountId, String actor) {}
