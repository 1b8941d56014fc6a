package io.meshward.policy.builtins.jwt;

/**
 * A key to check signatures with, and what a JWK said about it.
 *
 * @param alg the JWK's "alg", or "" (certificates and PEM keys carry none)
 * @param kid the JWK's "kid", or ""
 * @param key a {@link java.security.PublicKey}, {@link java.security.PrivateKey} or secret bytes
 */
record VerificationKey(String alg, String kid, Object key) {}
