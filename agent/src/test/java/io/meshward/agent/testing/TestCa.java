package io.meshward.agent.testing;

import io.meshward.agent.keys.TlsIdentity;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** A throw-away certificate authority for tests, as the coordinator's account CA would be. */
public final class TestCa {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final KeyPair keyPair = TlsIdentity.generateKeyPair();
  private final X500Name name;
  private final X509Certificate certificate;

  public TestCa() {
    this("Meshward test CA");
  }

  public TestCa(String commonName) {
    try {
      name = new X500Name("CN=" + commonName);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name, serial(), from(), until(), name, keyPair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      certificate = sign(builder);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Signs a device's PKCS#10 request, as the coordinator does at enrolment. */
  public X509Certificate issue(byte[] csrDer, String peerId) {
    try {
      JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(csrDer);
      if (!csr.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))) {
        throw new IllegalArgumentException("CSR signature is not valid");
      }
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name, serial(), from(), until(), new X500Name("CN=" + peerId), csr.getPublicKey());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      return sign(builder);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot sign CSR: " + e.getMessage(), e);
    }
  }

  /** A server certificate for localhost and 127.0.0.1. */
  public X509Certificate server(KeyPair serverKey) {
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name, serial(), from(), until(), new X500Name("CN=localhost"), serverKey.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      return sign(builder);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static Date from() {
    return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
  }

  private static Date until() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }
}
