package io.meshward.agent.state;

import io.meshward.agent.keys.WireGuardKeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Everything the device needs to talk to its coordinator after enrolment. Holds private keys:
 * {@link #toString()} leaves them out.
 */
public record DeviceCredentials(
    Enrolment enrolment,
    WireGuardKeyPair wireGuard,
    PrivateKey tlsKey,
    X509Certificate deviceCertificate,
    X509Certificate caCertificate) {

  @Override
  public String toString() {
    return "DeviceCredentials[peer="
        + enrolment.peerId()
        + ", wireGuard="
        + wireGuard
        + ", certificate="
        + deviceCertificate.getSubjectX500Principal()
        + "]";
  }
}
