package io.meshward.coordinator.auth;

import java.time.Instant;

/** A token at creation time: the only moment its plaintext exists outside the caller's hands. */
public record IssuedToken(String id, String name, String token, Instant createdAt) {

  @Override
  public String toString() {
    return "IssuedToken[id=" + id + ", name=" + name + ", token=<hidden>]";
  }
}
