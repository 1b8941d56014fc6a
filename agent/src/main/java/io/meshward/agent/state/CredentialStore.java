package io.meshward.agent.state;

import io.meshward.agent.keys.Pem;
import io.meshward.agent.keys.WireGuardKeyPair;
import io.meshward.agent.keys.WireGuardKeys;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Reads and writes the device credentials in the state directory:
 *
 * <pre>
 * wireguard.key   base64 X25519 private key (as `wg genkey` prints it)
 * tls.key         PKCS#8 PEM, EC P-256 TLS client key
 * device.crt      PEM device certificate issued at enrolment
 * ca.crt          PEM CA certificate the coordinator is checked against
 * enrolment.json  peer id, name, mesh address, coordinator: written last
 * </pre>
 */
public final class CredentialStore {

  static final String WIREGUARD_KEY = "wireguard.key";
  static final String TLS_KEY = "tls.key";
  static final String DEVICE_CERTIFICATE = "device.crt";
  static final String CA_CERTIFICATE = "ca.crt";
  static final String ENROLMENT = "enrolment.json";

  private final StateDirectory directory;

  public CredentialStore(StateDirectory directory) {
    this.directory = directory;
  }

  public boolean isEnrolled() {
    return directory.exists(ENROLMENT);
  }

  /** The stored credentials, or empty when this device has not finished enrolling. */
  public Optional<DeviceCredentials> load() {
    Optional<String> enrolmentJson = directory.readString(ENROLMENT);
    if (enrolmentJson.isEmpty()) {
      return Optional.empty();
    }
    Enrolment enrolment = StateJson.read(enrolmentJson.get(), Enrolment.class, where(ENROLMENT));
    try {
      WireGuardKeyPair wireGuard = WireGuardKeys.fromPrivateKey(required(WIREGUARD_KEY));
      PrivateKey tlsKey = Pem.ecPrivateKey(Pem.decode("PRIVATE KEY", required(TLS_KEY)));
      X509Certificate device =
          Pem.certificate(Pem.decode("CERTIFICATE", required(DEVICE_CERTIFICATE)));
      X509Certificate ca = Pem.certificate(Pem.decode("CERTIFICATE", required(CA_CERTIFICATE)));
      return Optional.of(new DeviceCredentials(enrolment, wireGuard, tlsKey, device, ca));
    } catch (IllegalArgumentException e) {
      throw new StateException(
          "the credentials in "
              + directory.root()
              + " are damaged ("
              + e.getMessage()
              + "); delete the directory and enrol again with a new setup key",
          e);
    }
  }

  /** Writes keys and certificates first and the enrolment record last. */
  public void save(DeviceCredentials credentials) {
    directory.ensureDirectory("");
    directory.writeString(WIREGUARD_KEY, credentials.wireGuard().privateKeyBase64() + "\n");
    directory.writeString(TLS_KEY, Pem.encode("PRIVATE KEY", credentials.tlsKey().getEncoded()));
    directory.writeString(DEVICE_CERTIFICATE, pem(credentials.deviceCertificate()));
    directory.writeString(CA_CERTIFICATE, pem(credentials.caCertificate()));
    directory.writeString(ENROLMENT, StateJson.write(credentials.enrolment()));
  }

  private String required(String name) {
    return directory
        .readString(name)
        .orElseThrow(() -> new IllegalArgumentException(name + " is missing"));
  }

  private String where(String name) {
    return directory.resolve(name).toString();
  }

  private static String pem(X509Certificate certificate) {
    try {
      return Pem.encode("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }
}
