package io.meshward.agent.link;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a coordinator whose certificate chain contains the pinned certificate (normally its CA):
 * that certificate becomes the only trust anchor, and ordinary PKIX validation, host name check
 * included, runs against it. Used for enrolment, before the device has the CA itself.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

  /** The coordinator presented no certificate with the pinned fingerprint. */
  static final class PinMismatchException extends CertificateException {
    PinMismatchException(String message) {
      super(message);
    }
  }

  private final CaFingerprint pin;

  PinnedTrustManager(CaFingerprint pin) {
    this.pin = pin;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    anchored(chain).checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    anchored(chain).checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    anchored(chain).checkServerTrusted(chain, authType);
  }

  private X509ExtendedTrustManager anchored(X509Certificate[] chain) throws CertificateException {
    StringBuilder seen = new StringBuilder();
    for (X509Certificate certificate : chain) {
      CaFingerprint fingerprint = CaFingerprint.of(certificate);
      if (fingerprint.equals(pin)) {
        return trustOnly(certificate);
      }
      seen.append("\n  ")
          .append(certificate.getSubjectX500Principal().getName())
          .append(" SHA256 ")
          .append(fingerprint.display());
    }
    throw new PinMismatchException(
        "no certificate presented by the coordinator has the pinned SHA-256 fingerprint "
            + pin.display()
            + "; it presented:"
            + seen);
  }

  private static X509ExtendedTrustManager trustOnly(X509Certificate anchor)
      throws CertificateException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("pinned", anchor);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          return extended;
        }
      }
      throw new CertificateException("no X509 trust manager available");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new CertificateException("cannot build trust for the pinned certificate", e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the agent does not accept client connections");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the agent does not accept client connections");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the agent does not accept client connections");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
