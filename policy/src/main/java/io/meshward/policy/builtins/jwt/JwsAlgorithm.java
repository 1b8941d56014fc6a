package io.meshward.policy.builtins.jwt;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.crypto.CryptoBuiltins;
import io.meshward.policy.builtins.crypto.KeyJson;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/** The JWS algorithms OPA signs and verifies with (RFC 7518), on JDK primitives. */
enum JwsAlgorithm {
  HS256("HmacSHA256", "SHA-256"),
  HS384("HmacSHA384", "SHA-384"),
  HS512("HmacSHA512", "SHA-512"),
  RS256("SHA256withRSA", "SHA-256"),
  RS384("SHA384withRSA", "SHA-384"),
  RS512("SHA512withRSA", "SHA-512"),
  PS256("RSASSA-PSS", "SHA-256"),
  PS384("RSASSA-PSS", "SHA-384"),
  PS512("RSASSA-PSS", "SHA-512"),
  ES256("SHA256withECDSA", "SHA-256"),
  ES384("SHA384withECDSA", "SHA-384"),
  ES512("SHA512withECDSA", "SHA-512"),
  EdDSA("Ed25519", null);

  private final String jca;
  private final String digest;

  JwsAlgorithm(String jca, String digest) {
    this.jca = jca;
    this.digest = digest;
  }

  /** The algorithm for a header's "alg", or null. */
  static JwsAlgorithm of(String name) {
    for (JwsAlgorithm a : values()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  boolean isHmac() {
    return name().startsWith("HS");
  }

  /**
   * Whether {@code signature} over {@code input} verifies with {@code key}; a key of the wrong kind
   * simply does not verify, as in Go.
   */
  boolean verify(Object key, byte[] input, byte[] signature) {
    try {
      return switch (this) {
        case HS256, HS384, HS512 ->
            key instanceof byte[] secret
                && MessageDigest.isEqual(CryptoBuiltins.mac(jca, secret, input), signature);
        case RS256, RS384, RS512 -> {
          if (!(key instanceof RSAPublicKey pub)) {
            yield false;
          }
          Signature s = Signature.getInstance(jca);
          s.initVerify(pub);
          s.update(input);
          yield s.verify(signature);
        }
        case PS256, PS384, PS512 ->
            key instanceof RSAPublicKey pub && verifyPssAnySalt(pub, input, signature);
        case ES256, ES384, ES512 -> {
          if (!(key instanceof ECPublicKey pub) || signature.length == 0) {
            yield false;
          }
          // Go splits r||s in the middle, whatever the length
          int n = signature.length / 2;
          ASN1EncodableVector v = new ASN1EncodableVector();
          v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(signature, 0, n))));
          v.add(
              new ASN1Integer(
                  new BigInteger(1, Arrays.copyOfRange(signature, n, signature.length))));
          Signature s = Signature.getInstance(jca);
          s.initVerify(pub);
          s.update(input);
          yield s.verify(new DERSequence(v).getEncoded());
        }
        case EdDSA -> {
          if (!(key instanceof EdECPublicKey pub)) {
            yield false;
          }
          Signature s = Signature.getInstance("Ed25519");
          s.initVerify(pub);
          s.update(input);
          yield s.verify(signature);
        }
      };
    } catch (GeneralSecurityException
        | BuiltinException
        | java.io.IOException
        | RuntimeException e) {
      return false;
    }
  }

  /** Signs as Go's jws does: PSS salts as long as the hash, ECDSA as fixed-size r||s. */
  byte[] sign(Object key, byte[] input) throws BuiltinException {
    try {
      switch (this) {
        case HS256, HS384, HS512 -> {
          if (!(key instanceof byte[] secret)) {
            throw wrongKey();
          }
          return CryptoBuiltins.mac(jca, secret, input);
        }
        case RS256, RS384, RS512 -> {
          if (!(key instanceof RSAPrivateKey priv)) {
            throw wrongKey();
          }
          return signWith(Signature.getInstance(jca), priv, input);
        }
        case PS256, PS384, PS512 -> {
          if (!(key instanceof RSAPrivateKey priv)) {
            throw wrongKey();
          }
          Signature s = Signature.getInstance("RSASSA-PSS");
          int hashLength = MessageDigest.getInstance(digest).getDigestLength();
          s.setParameter(
              new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), hashLength, 1));
          return signWith(s, priv, input);
        }
        case ES256, ES384, ES512 -> {
          if (!(key instanceof ECPrivateKey priv)) {
            throw wrongKey();
          }
          return signWith(Signature.getInstance(jca + "inP1363Format"), priv, input);
        }
        default -> {
          if (!(key instanceof EdECPrivateKey priv)) {
            throw wrongKey();
          }
          return signWith(Signature.getInstance("Ed25519"), priv, input);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new BuiltinException("failed to sign payload: " + e.getMessage(), e);
    }
  }

  private static byte[] signWith(Signature s, PrivateKey key, byte[] input)
      throws GeneralSecurityException {
    s.initSign(key);
    s.update(input);
    return s.sign();
  }

  private BuiltinException wrongKey() {
    return new BuiltinException("failed to sign payload: invalid key type for algorithm " + name());
  }

  /**
   * RSASSA-PSS verification (RFC 8017 9.1.2) that accepts any salt length, as Go's {@code
   * rsa.VerifyPSS} with nil options does; the JDK insists on one fixed salt length.
   */
  private boolean verifyPssAnySalt(RSAPublicKey pub, byte[] input, byte[] signature)
      throws GeneralSecurityException {
    BigInteger n = pub.getModulus();
    int modBits = n.bitLength();
    int k = (modBits + 7) / 8;
    if (signature.length != k) {
      return false;
    }
    BigInteger s = new BigInteger(1, signature);
    if (s.compareTo(n) >= 0) {
      return false;
    }
    int emBits = modBits - 1;
    int emLen = (emBits + 7) / 8;
    byte[] em = KeyJson.fixed(s.modPow(pub.getPublicExponent(), n), emLen);
    MessageDigest md = MessageDigest.getInstance(digest);
    byte[] mHash = md.digest(input);
    int hLen = mHash.length;
    if (emLen < hLen + 2 || em[emLen - 1] != (byte) 0xbc) {
      return false;
    }
    byte[] maskedDb = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
    byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
    int topBits = 8 * emLen - emBits;
    int topMask = 0xff >>> topBits;
    if ((maskedDb[0] & ~topMask & 0xff) != 0) {
      return false;
    }
    byte[] db = mgf1(h, maskedDb.length, md);
    for (int i = 0; i < db.length; i++) {
      db[i] ^= maskedDb[i];
    }
    db[0] &= (byte) topMask;
    int i = 0;
    while (i < db.length && db[i] == 0) {
      i++;
    }
    if (i == db.length || db[i] != 1) {
      return false;
    }
    byte[] salt = Arrays.copyOfRange(db, i + 1, db.length);
    md.reset();
    md.update(new byte[8]);
    md.update(mHash);
    md.update(salt);
    return MessageDigest.isEqual(md.digest(), h);
  }

  private static byte[] mgf1(byte[] seed, int length, MessageDigest md) {
    byte[] out = new byte[length];
    int done = 0;
    for (int counter = 0; done < length; counter++) {
      md.reset();
      md.update(seed);
      md.update(
          new byte[] {
            (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
          });
      byte[] block = md.digest();
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }
}
