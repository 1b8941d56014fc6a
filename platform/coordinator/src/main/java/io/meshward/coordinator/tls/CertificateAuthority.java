package io.meshward.coordinator.tls;

import io.meshward.coordinator.config.MeshwardProperties;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The coordinator's certificate authority: one CA for the coordinator, whose device certificates
 * name the peer (CN) and its account (OU). Its key lives in {@code <data-dir>/ca/ca-key.pem},
 * readable by the owner only; it is created on first start.
 */
@Component
public class CertificateAuthority {

  private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final Clock clock;

  CertificateAuthority(MeshwardProperties properties, Clock clock) {
    this.clock = clock;
    Path dir = properties.dataDir().resolve("ca");
    Path certFile = dir.resolve("ca-cert.pem");
    Path keyFile = dir.resolve("ca-key.pem");
    try {
      if (Files.exists(certFile) && Files.exists(keyFile)) {
        this.certificate = readCertificate(certFile);
        this.privateKey = readPrivateKey(keyFile);
      } else {
        KeyPair pair = newKeyPair();
        this.privateKey = pair.getPrivate();
        this.certificate = selfSign(pair);
        Files.createDirectories(dir);
        writeOwnerOnly(keyFile, pem(new JcaPKCS8Generator(privateKey, null).generate()));
        Files.writeString(certFile, pem(certificate));
        log.info("Created the coordinator CA in {}", dir.toAbsolutePath().normalize());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not load or create the CA in " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Could not load or create the CA in " + dir, e);
    }
    log.info("Coordinator CA fingerprint (SHA-256): {}", fingerprint());
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** SHA-256 of the CA certificate (DER), lowercase hex: what agents pin on enrolment. */
  public String fingerprint() {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String certificatePem() {
    return pem(certificate);
  }

  /** Issues a TLS client certificate for a device; the subject names the peer and its account. */
  public IssuedCertificate issueDeviceCertificate(
      PublicKey devicePublicKey, String accountId, String peerId, Duration validity) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Meshward device")
            .addRDN(BCStyle.OU, accountId)
            .addRDN(BCStyle.CN, peerId)
            .build();
    Instant notAfter = clock.instant().plus(validity);
    X509Certificate cert =
        issue(
            subject,
            devicePublicKey,
            notAfter,
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
              builder.addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            });
    return new IssuedCertificate(cert, cert.getSerialNumber().toString(16), notAfter);
  }

  /** A fresh key pair and server certificate for the given host names and IP addresses. */
  public ServerIdentity issueServerIdentity(List<String> hostnames, Duration validity) {
    try {
      KeyPair pair = newKeyPair();
      GeneralName[] names =
          hostnames.stream()
              .map(
                  h ->
                      h.matches("[0-9.]+") || h.contains(":")
                          ? new GeneralName(GeneralName.iPAddress, h)
                          : new GeneralName(GeneralName.dNSName, h))
              .toArray(GeneralName[]::new);
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "Meshward coordinator")
              .addRDN(BCStyle.CN, hostnames.getFirst())
              .build();
      X509Certificate cert =
          issue(
              subject,
              pair.getPublic(),
              clock.instant().plus(validity),
              builder -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(names));
              });
      return new ServerIdentity(pair.getPrivate(), List.of(cert, certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not create the gRPC server key", e);
    }
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws IOException;
  }

  private X509Certificate issue(
      X500Name subject, PublicKey publicKey, Instant notAfter, Extensions extensions) {
    try {
      Instant now = clock.instant();
      var builder =
          new JcaX509v3CertificateBuilder(
              certificate,
              new BigInteger(127, RANDOM).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(notAfter),
              subject,
              publicKey);
      var utils = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(
              SubjectPublicKeyInfo.getInstance(publicKey.getEncoded())));
      extensions.add(builder);
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(privateKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Could not issue a certificate for " + subject, e);
    }
  }

  private X509Certificate selfSign(KeyPair pair)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = clock.instant();
    X500Name name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Meshward")
            .addRDN(BCStyle.CN, "Meshward coordinator CA")
            .build();
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(127, RANDOM).add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(3650))),
            name,
            pair.getPublic());
    var utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
    ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(pair.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  public static String pem(Object object) {
    Writer out = new StringWriter();
    try (var writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static X509Certificate readCertificate(Path file)
      throws IOException, GeneralSecurityException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        var parser = new PEMParser(reader)) {
      return new JcaX509CertificateConverter()
          .getCertificate((X509CertificateHolder) parser.readObject());
    }
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        var parser = new PEMParser(reader)) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    var ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }

  static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
