package io.meshward.coordinator.relays;

import java.time.Instant;

/** A relay at registration: the only moment its token exists in clear outside the relay. */
public record IssuedRelay(String id, String name, String address, String token, Instant createdAt) {

  @Override
  public String toString() {
    return "IssuedRelay[id=" + id + ", name=" + name + ", address=" + address + ", token=<hidden>]";
  }
}
