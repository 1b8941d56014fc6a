package io.meshward.coordinator.enrolment;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

/** What an enrolling device sends, and what it gets back. */
public final class Enrolment {

  private Enrolment() {}

  public record Request(
      String setupKey,
      String wireguardPublicKey,
      PublicKey devicePublicKey,
      String hostname,
      Map<String, Object> facts) {

    @Override
    public String toString() {
      return "Enrolment.Request[hostname=" + hostname + ", setupKey=<hidden>]";
    }
  }

  public record Result(
      String peerId,
      String peerName,
      String meshAddressWithPrefix,
      X509Certificate deviceCertificate,
      X509Certificate caCertificate,
      Instant certificateExpiresAt) {}
}
