package io.meshward.policy.builtins.crypto;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Generates throw-away keys and certificates for tests; nothing secret is checked in. */
public final class TestPki {

  public static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

  private TestPki() {}

  public static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  public static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  public static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** Describes one certificate to issue. */
  public record Spec(
      String cn,
      boolean ca,
      Integer pathLen,
      List<String> dns,
      List<String> uris,
      List<KeyPurposeId> eku,
      Instant notBefore,
      Instant notAfter,
      long serial) {

    public static Spec ca(String cn) {
      return new Spec(
          cn,
          true,
          null,
          List.of(),
          List.of(),
          List.of(),
          NOW.minusSeconds(86400),
          NOW.plusSeconds(86400 * 365),
          1);
    }

    public static Spec leaf(String cn) {
      return new Spec(
          cn,
          false,
          null,
          List.of(cn),
          List.of(),
          List.of(KeyPurposeId.id_kp_serverAuth),
          NOW.minusSeconds(3600),
          NOW.plusSeconds(86400 * 30),
          4242);
    }

    public Spec withUris(String... u) {
      return new Spec(cn, ca, pathLen, dns, List.of(u), eku, notBefore, notAfter, serial);
    }

    public Spec withEku(KeyPurposeId... e) {
      return new Spec(cn, ca, pathLen, dns, uris, List.of(e), notBefore, notAfter, serial);
    }

    public Spec validUntil(Instant end) {
      return new Spec(cn, ca, pathLen, dns, uris, eku, notBefore, end, serial);
    }

    public Spec withPathLen(int n) {
      return new Spec(cn, ca, n, dns, uris, eku, notBefore, notAfter, serial);
    }
  }

  /** Issues a certificate for {@code subject} signed by {@code issuerKey} under {@code issuer}. */
  public static X509CertificateHolder issue(
      Spec spec, java.security.PublicKey subject, String issuerCn, PrivateKey issuerKey)
      throws Exception {
    var b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuerCn + ",O=Meshward Test,C=NL"),
            BigInteger.valueOf(spec.serial()),
            Date.from(spec.notBefore()),
            Date.from(spec.notAfter()),
            new X500Name("CN=" + spec.cn() + ",O=Meshward Test,C=NL"),
            subject);
    if (spec.ca()) {
      b.addExtension(
          Extension.basicConstraints,
          true,
          spec.pathLen() == null
              ? new BasicConstraints(true)
              : new BasicConstraints(spec.pathLen()));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }
    if (!spec.eku().isEmpty()) {
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(spec.eku().toArray(new KeyPurposeId[0])));
    }
    GeneralName[] names =
        java.util.stream.Stream.concat(
                spec.dns().stream().map(d -> new GeneralName(GeneralName.dNSName, d)),
                spec.uris().stream()
                    .map(u -> new GeneralName(GeneralName.uniformResourceIdentifier, u)))
            .toArray(GeneralName[]::new);
    if (names.length > 0) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    String alg =
        issuerKey.getAlgorithm().equals("RSA")
            ? "SHA256withRSA"
            : issuerKey.getAlgorithm().startsWith("Ed") ? "Ed25519" : "SHA256withECDSA";
    return b.build(new JcaContentSignerBuilder(alg).build(issuerKey));
  }

  public static String pem(String type, byte[] der) {
    return PemBlock.encode(type, der);
  }

  public static String csr(String cn, KeyPair kp, String dns) throws Exception {
    var b = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), kp.getPublic());
    var ext = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
    ext.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
    b.addAttribute(
        org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
        ext.generate());
    return pem(
        "CERTIFICATE REQUEST",
        b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())).getEncoded());
  }

  /** A three-certificate chain: root, intermediate, leaf (all valid at {@link #NOW}). */
  public record Chain(String rootPem, String intermediatePem, String leafPem, KeyPair leafKey) {
    public String inOpaOrder() {
      return rootPem + intermediatePem + leafPem;
    }
  }

  public static Chain chain(Spec leafSpec) throws Exception {
    KeyPair root = ec("secp256r1");
    KeyPair inter = ec("secp256r1");
    KeyPair leaf = ec("secp256r1");
    var rootCert = issue(Spec.ca("Test Root"), root.getPublic(), "Test Root", root.getPrivate());
    var interCert =
        issue(
            Spec.ca("Test Intermediate").withPathLen(0),
            inter.getPublic(),
            "Test Root",
            root.getPrivate());
    var leafCert = issue(leafSpec, leaf.getPublic(), "Test Intermediate", inter.getPrivate());
    return new Chain(
        pem("CERTIFICATE", rootCert.getEncoded()),
        pem("CERTIFICATE", interCert.getEncoded()),
        pem("CERTIFICATE", leafCert.getEncoded()),
        leaf);
  }
}
