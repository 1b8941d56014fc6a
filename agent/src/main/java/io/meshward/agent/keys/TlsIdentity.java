package io.meshward.agent.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** The device's TLS client key (EC P-256) and the PKCS#10 request that asks the CA to sign it. */
public final class TlsIdentity {

  private TlsIdentity() {}

  /** A fresh P-256 key pair; the private half never leaves the device. */
  public static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
  }

  /**
   * A DER PKCS#10 request signed with the key itself (proof of possession). The subject only names
   * the host; the coordinator decides the identity it certifies.
   */
  public static byte[] certificateRequest(KeyPair keyPair, String hostname) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostname).build();
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
      PKCS10CertificationRequest request =
          new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic()).build(signer);
      return request.getEncoded();
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the certificate signing request", e);
    }
  }
}
