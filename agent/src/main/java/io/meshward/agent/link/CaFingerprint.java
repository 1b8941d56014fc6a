package io.meshward.agent.link;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate, as given to {@code --ca-fingerprint}: 64 hex digits,
 * colons and a "sha256:" prefix allowed, case ignored (so `openssl x509 -fingerprint -sha256`
 * output can be pasted as it is).
 */
public record CaFingerprint(String hex) {

  public static CaFingerprint parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("sha256:")) {
      value = value.substring("sha256:".length());
    } else if (value.startsWith("sha256 fingerprint=")) {
      value = value.substring("sha256 fingerprint=".length());
    }
    value = value.replace(":", "");
    if (!value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "--ca-fingerprint must be the SHA-256 of the CA certificate as 64 hex digits (colons"
              + " allowed); print it on the coordinator with `openssl x509 -noout -fingerprint"
              + " -sha256 -in ca.crt`");
    }
    return new CaFingerprint(value);
  }

  public static CaFingerprint of(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return new CaFingerprint(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  /** Colon-separated upper-case hex, the way openssl prints it. */
  public String display() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
