package io.meshward.coordinator.tls;

import java.io.IOException;
import java.security.PublicKey;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** Reads a device's PKCS#10 request and proves the device holds the key it asks to certify. */
public final class CertificateRequests {

  private CertificateRequests() {}

  /**
   * @return the public key of a well-formed, correctly self-signed request
   * @throws IllegalArgumentException saying what is wrong with the request
   */
  public static PublicKey verifiedPublicKey(byte[] der) {
    if (der == null || der.length == 0) {
      throw new IllegalArgumentException("certificate_request is empty; send a PKCS#10 CSR (DER)");
    }
    JcaPKCS10CertificationRequest request;
    try {
      request = new JcaPKCS10CertificationRequest(der);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("certificate_request is not a PKCS#10 CSR in DER form");
    }
    try {
      var verifier =
          new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo());
      if (!request.isSignatureValid(verifier)) {
        throw new IllegalArgumentException(
            "certificate_request signature does not match its public key");
      }
      return request.getPublicKey();
    } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "certificate_request cannot be verified: " + e.getMessage());
    }
  }
}
