package io.meshward.policy.builtins.crypto;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/** {@code crypto.x509.parse_keypair}: Go's {@code tls.X509KeyPair} result as JSON. */
final class KeyPair {

  private KeyPair() {}

  static Value parse(String certInput, String keyInput) throws BuiltinException {
    String certText = pemOrDer(certInput, "CERTIFICATE");
    String keyText = pemOrDer(keyInput, "PRIVATE KEY");
    List<PemBlock> certBlocks = new ArrayList<>();
    for (PemBlock b : PemBlock.decodeAll(certText)) {
      if (b.type().equals("CERTIFICATE")) {
        certBlocks.add(b);
      }
    }
    if (certBlocks.isEmpty()) {
      throw new BuiltinException("tls: failed to find any PEM data in certificate input");
    }
    PemBlock keyBlock = null;
    for (PemBlock b : PemBlock.decodeAll(keyText)) {
      if (b.type().equals("PRIVATE KEY") || b.type().endsWith(" PRIVATE KEY")) {
        keyBlock = b;
        break;
      }
    }
    if (keyBlock == null) {
      throw new BuiltinException("tls: failed to find any PEM data in key input");
    }
    ParsedCertificate leaf;
    try {
      leaf = ParsedCertificate.of(certBlocks.get(0).bytes());
    } catch (ParsedCertificate.MalformedException e) {
      throw new BuiltinException(e.getMessage());
    }
    PrivateKey key = parseKey(keyBlock.bytes());
    if (!Keys.matches(leaf.jdk().getPublicKey(), key)) {
      throw new BuiltinException("tls: private key does not match public key");
    }
    List<Value> chain = new ArrayList<>();
    for (PemBlock b : certBlocks) {
      chain.add(CertificateJson.bytes(b.bytes()));
    }
    return ObjectValue.ofStrings(
        "Certificate",
        ArrayValue.of(chain),
        "PrivateKey",
        KeyJson.privateKey(key),
        "SupportedSignatureAlgorithms",
        NullValue.INSTANCE,
        "OCSPStaple",
        NullValue.INSTANCE,
        "SignedCertificateTimestamps",
        NullValue.INSTANCE,
        "Leaf",
        CryptoBuiltins.certificateJson(leaf));
  }

  /** Go's tls parsePrivateKey: PKCS#1, then PKCS#8, then SEC 1. */
  private static PrivateKey parseKey(byte[] der) throws BuiltinException {
    try {
      return Keys.pkcs1(der);
    } catch (GeneralSecurityException e) {
      // try the next format
    }
    try {
      return Keys.pkcs8(der);
    } catch (GeneralSecurityException e) {
      // try the next format
    }
    try {
      return Keys.sec1(der);
    } catch (GeneralSecurityException e) {
      throw new BuiltinException("tls: failed to parse private key");
    }
  }

  private static String pemOrDer(String input, String type) throws BuiltinException {
    String text = input;
    if (!text.startsWith("-----BEGIN")) {
      text = PemBlock.latin(CryptoBuiltins.base64(text));
    }
    if (!text.startsWith("-----BEGIN")) {
      text = PemBlock.encode(type, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return text;
  }
}
