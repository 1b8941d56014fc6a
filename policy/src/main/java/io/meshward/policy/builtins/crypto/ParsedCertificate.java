package io.meshward.policy.builtins.crypto;

import io.meshward.policy.builtins.encoding.GoBase64;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * A certificate in both views: Bouncy Castle's ASN.1 structure (for Go's JSON shape) and the JDK's
 * {@link X509Certificate} (for keys and signature checks).
 */
public record ParsedCertificate(Certificate asn1, X509Certificate jdk) {

  /** Thrown for input that holds no certificates Go could parse; the message is Go's. */
  public static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  /** Go's {@code x509.ParseCertificates}: concatenated DER certificates. */
  public static List<ParsedCertificate> parseAll(byte[] der) throws MalformedException {
    List<ParsedCertificate> out = new ArrayList<>();
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      ASN1Primitive p;
      while (true) {
        try {
          p = in.readObject();
        } catch (IOException | RuntimeException e) {
          throw new MalformedException("x509: malformed certificate");
        }
        if (p == null) {
          break;
        }
        out.add(of(p.getEncoded()));
      }
    } catch (IOException e) {
      throw new MalformedException("x509: malformed certificate");
    }
    return out;
  }

  /** One DER certificate. */
  public static ParsedCertificate of(byte[] der) throws MalformedException {
    Certificate asn1;
    try {
      asn1 = Certificate.getInstance(der);
    } catch (RuntimeException e) {
      throw new MalformedException("x509: malformed certificate");
    }
    try {
      X509Certificate jdk =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      return new ParsedCertificate(asn1, jdk);
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedException("x509: malformed certificate");
    }
  }

  /**
   * Certificates from OPA's accepted inputs: PEM text, or base64 of PEM or of DER.
   *
   * @throws MalformedException for bad base64, a PEM block of another type, or bad DER
   */
  public static List<ParsedCertificate> fromString(String input) throws MalformedException {
    if (input.startsWith("-----BEGIN")) {
      return fromPem(input);
    }
    byte[] decoded;
    try {
      decoded = GoBase64.decodeStd(input);
    } catch (GoBase64.InvalidBase64Exception e) {
      throw new MalformedException(e.getMessage());
    }
    String asText = PemBlock.latin(decoded);
    if (asText.startsWith("-----BEGIN")) {
      return fromPem(asText);
    }
    return parseAll(decoded);
  }

  private static List<ParsedCertificate> fromPem(String text) throws MalformedException {
    java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
    String rest = text;
    while (!rest.isEmpty()) {
      PemBlock block = PemBlock.decode(rest);
      if (block == null) {
        break;
      }
      if (!block.type().equals("CERTIFICATE")) {
        throw new MalformedException(
            "PEM block type is '" + block.type() + "', expected CERTIFICATE");
      }
      der.writeBytes(block.bytes());
      rest = block.rest();
    }
    return parseAll(der.toByteArray());
  }
}
