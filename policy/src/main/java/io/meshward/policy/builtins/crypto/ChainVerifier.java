package io.meshward.policy.builtins.crypto;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies a chain as OPA does with Go's {@code Certificate.Verify}: the first certificate is the
 * only root, the last is the leaf, the others are intermediates.
 */
final class ChainVerifier {

  /** Go's ExtKeyUsageServerAuth, assumed when no key usages are requested. */
  private static final int SERVER_AUTH = 1;

  private static final int ANY = 0;
  private static final int KEY_USAGE_CERT_SIGN = 1 << 5;
  private static final Set<String> INSECURE_SIGNATURES =
      Set.of(
          "1.2.840.113549.1.1.4", // MD5 with RSA
          "1.2.840.113549.1.1.5", // SHA1 with RSA
          "1.2.840.10045.4.1", // ECDSA with SHA1
          "1.2.840.10040.4.3"); // DSA with SHA1

  /** Options as x509.VerifyOptions carries them. */
  record Options(String dnsName, Instant currentTime, List<Integer> keyUsages) {}

  static final class VerifyException extends Exception {
    VerifyException(String message) {
      super(message, null, false, false);
    }
  }

  private final ParsedCertificate root;
  private final List<ParsedCertificate> intermediates;
  private final Options options;

  private ChainVerifier(List<ParsedCertificate> certs, Options options) {
    this.root = certs.get(0);
    this.intermediates = certs.subList(1, certs.size() - 1);
    this.options = options;
  }

  /** The verified chain from leaf to root. */
  static List<ParsedCertificate> verify(List<ParsedCertificate> certs, Options options)
      throws VerifyException {
    if (certs.size() < 2) {
      throw new VerifyException(
          "operand 1 must supply at least two certificates to be able to verify");
    }
    return new ChainVerifier(certs, options).verifyLeaf(certs.get(certs.size() - 1));
  }

  private List<ParsedCertificate> verifyLeaf(ParsedCertificate leaf) throws VerifyException {
    checkValidity(leaf);
    if (options.dnsName() != null && !options.dnsName().isEmpty()) {
      verifyHostname(leaf, options.dnsName());
    }
    List<List<ParsedCertificate>> chains = new ArrayList<>();
    if (Arrays.equals(raw(leaf), raw(root))) {
      chains.add(List.of(leaf));
    } else {
      List<ParsedCertificate> start = new ArrayList<>();
      start.add(leaf);
      build(start, chains);
    }
    if (chains.isEmpty()) {
      throw new VerifyException("x509: certificate signed by unknown authority");
    }
    List<Integer> usages =
        options.keyUsages().isEmpty() ? List.of(SERVER_AUTH) : options.keyUsages();
    if (usages.contains(ANY)) {
      return chains.get(0);
    }
    for (List<ParsedCertificate> chain : chains) {
      if (keyUsagesAllowed(chain, usages)) {
        return chain;
      }
    }
    throw new VerifyException("x509: certificate specifies an incompatible key usage");
  }

  private void build(List<ParsedCertificate> chain, List<List<ParsedCertificate>> out) {
    if (!out.isEmpty() || chain.size() > 10) {
      return;
    }
    ParsedCertificate current = chain.get(chain.size() - 1);
    if (signs(root, current) && valid(root, chain)) {
      List<ParsedCertificate> done = new ArrayList<>(chain);
      done.add(root);
      out.add(done);
      return;
    }
    for (ParsedCertificate candidate : intermediates) {
      if (chain.contains(candidate) || !signs(candidate, current)) {
        continue;
      }
      if (!valid(candidate, chain)) {
        continue;
      }
      boolean isCa =
          CertificateJson.parts(candidate.asn1()).basicConstraintsValid()
              && CertificateJson.parts(candidate.asn1()).isCa();
      if (!isCa) {
        continue;
      }
      chain.add(candidate);
      build(chain, out);
      chain.remove(chain.size() - 1);
    }
  }

  /** Whether {@code parent} issued {@code child}: names, CA constraints and signature. */
  private boolean signs(ParsedCertificate parent, ParsedCertificate child) {
    if (!parent.jdk().getSubjectX500Principal().equals(child.jdk().getIssuerX500Principal())) {
      return false;
    }
    var parts = CertificateJson.parts(parent.asn1());
    if (parent.jdk().getVersion() == 3 && !parts.basicConstraintsValid()
        || parts.basicConstraintsValid() && !parts.isCa()) {
      return false;
    }
    boolean[] ku = parent.jdk().getKeyUsage();
    if (ku != null && ku.length > 5 && !ku[5] && anySet(ku)) {
      return false;
    }
    if (INSECURE_SIGNATURES.contains(child.jdk().getSigAlgOID())) {
      return false;
    }
    try {
      child.jdk().verify(parent.jdk().getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean anySet(boolean[] bits) {
    for (boolean b : bits) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /** Validity period and path length of a CA about to be appended to {@code chain}. */
  private boolean valid(ParsedCertificate ca, List<ParsedCertificate> chain) {
    try {
      checkValidity(ca);
    } catch (VerifyException e) {
      return false;
    }
    var parts = CertificateJson.parts(ca.asn1());
    int intermediatesBelow = chain.size() - 1;
    return !(parts.basicConstraintsValid()
        && parts.maxPathLen() >= 0
        && intermediatesBelow > parts.maxPathLen());
  }

  private void checkValidity(ParsedCertificate c) throws VerifyException {
    Instant now = options.currentTime() == null ? Instant.now() : options.currentTime();
    if (now.isBefore(c.jdk().getNotBefore().toInstant())
        || now.isAfter(c.jdk().getNotAfter().toInstant())) {
      throw new VerifyException("x509: certificate has expired or is not yet valid");
    }
  }

  private static void verifyHostname(ParsedCertificate leaf, String host) throws VerifyException {
    String wanted = host.toLowerCase(Locale.ROOT);
    if (wanted.endsWith(".")) {
      wanted = wanted.substring(0, wanted.length() - 1);
    }
    for (String name : CertificateJson.parts(leaf.asn1()).dnsNames()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals(wanted)) {
        return;
      }
      if (n.startsWith("*.")
          && wanted.indexOf('.') > 0
          && wanted.substring(wanted.indexOf('.')).equals(n.substring(1))) {
        return;
      }
    }
    throw new VerifyException("x509: certificate is not valid for " + host);
  }

  /** Go's checkChainForKeyUsage, from the root down. */
  private static boolean keyUsagesAllowed(List<ParsedCertificate> chain, List<Integer> requested) {
    List<Integer> remaining = new ArrayList<>(requested);
    for (int i = chain.size() - 1; i >= 0; i--) {
      var parts = CertificateJson.parts(chain.get(i).asn1());
      if (parts.extKeyUsage().isEmpty() && parts.unknownExtKeyUsage().isEmpty()) {
        continue;
      }
      if (parts.extKeyUsage().contains(ANY)) {
        continue;
      }
      remaining.removeIf(u -> !parts.extKeyUsage().contains(u));
      if (remaining.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static byte[] raw(ParsedCertificate c) {
    try {
      return c.jdk().getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      return new byte[0];
    }
  }
}
