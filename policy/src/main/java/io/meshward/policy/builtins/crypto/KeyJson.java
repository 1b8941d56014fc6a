package io.meshward.policy.builtins.crypto;

import io.meshward.policy.builtins.encoding.GoBase64;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Keys as Go's {@code encoding/json} writes {@code crypto/rsa}, {@code ecdsa}, {@code ed25519}
 * keys.
 */
public final class KeyJson {

  private KeyJson() {}

  /** A public key as Go marshals it; null when the algorithm is unknown to Go. */
  public static Value publicKey(Key key) {
    return switch (key) {
      case RSAPublicKey rsa ->
          ObjectValue.ofStrings("N", num(rsa.getModulus()), "E", num(rsa.getPublicExponent()));
      case ECPublicKey ec ->
          ObjectValue.ofStrings(
              "Curve",
              ObjectValue.EMPTY,
              "X",
              num(ec.getW().getAffineX()),
              "Y",
              num(ec.getW().getAffineY()));
      case EdECPublicKey ed -> StringValue.of(GoBase64.encodeStd(rawEd25519Public(ed)));
      case DSAPublicKey dsa ->
          ObjectValue.ofStrings(
              "Parameters",
              ObjectValue.ofStrings(
                  "P", num(dsa.getParams().getP()),
                  "Q", num(dsa.getParams().getQ()),
                  "G", num(dsa.getParams().getG())),
              "Y",
              num(dsa.getY()));
      default -> NullValue.INSTANCE;
    };
  }

  /** A private key as Go marshals it. */
  public static Value privateKey(Key key) {
    return switch (key) {
      case RSAPrivateCrtKey rsa ->
          ObjectValue.ofStrings(
              "N", num(rsa.getModulus()),
              "E", num(rsa.getPublicExponent()),
              "D", num(rsa.getPrivateExponent()),
              "Primes", ArrayValue.of(num(rsa.getPrimeP()), num(rsa.getPrimeQ())),
              "Precomputed",
                  ObjectValue.ofStrings(
                      "Dp", num(rsa.getPrimeExponentP()),
                      "Dq", num(rsa.getPrimeExponentQ()),
                      "Qinv", num(rsa.getCrtCoefficient()),
                      "CRTValues", ArrayValue.EMPTY));
      case ECPrivateKey ec -> {
        java.security.spec.ECPoint w = Keys.ecPublicPoint(ec);
        yield ObjectValue.ofStrings(
            "Curve", ObjectValue.EMPTY,
            "X", num(w.getAffineX()),
            "Y", num(w.getAffineY()),
            "D", num(ec.getS()));
      }
      case EdECPrivateKey ed -> {
        byte[] seed = rawEd25519Seed(ed);
        byte[] pub = Keys.ed25519PublicFromSeed(seed);
        byte[] both = Arrays.copyOf(seed, 64);
        System.arraycopy(pub, 0, both, 32, 32);
        yield StringValue.of(GoBase64.encodeStd(both));
      }
      default -> NullValue.INSTANCE;
    };
  }

  /** An RSA or EC private key as a JWK (base64url, no padding), as OPA's jwk package writes it. */
  public static ObjectValue privateJwk(Key key) {
    return switch (key) {
      case RSAPrivateCrtKey rsa ->
          ObjectValue.ofStrings(
              "kty", StringValue.of("RSA"),
              "n", b64(rsa.getModulus()),
              "e", b64(rsa.getPublicExponent()),
              "d", b64(rsa.getPrivateExponent()),
              "p", b64(rsa.getPrimeP()),
              "q", b64(rsa.getPrimeQ()),
              "dp", b64(rsa.getPrimeExponentP()),
              "dq", b64(rsa.getPrimeExponentQ()),
              "qi", b64(rsa.getCrtCoefficient()));
      case ECPrivateKey ec -> {
        java.security.spec.ECPoint w = Keys.ecPublicPoint(ec);
        int size = fieldSize(ec.getParams());
        yield ObjectValue.ofStrings(
            "kty", StringValue.of("EC"),
            "crv", StringValue.of(Keys.curveName(ec.getParams())),
            "x", StringValue.of(GoBase64.encodeRawUrl(fixed(w.getAffineX(), size))),
            "y", StringValue.of(GoBase64.encodeRawUrl(fixed(w.getAffineY(), size))),
            "d", StringValue.of(GoBase64.encodeRawUrl(fixed(ec.getS(), size))));
      }
      default -> throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    };
  }

  static int fieldSize(ECParameterSpec params) {
    return (params.getCurve().getField().getFieldSize() + 7) / 8;
  }

  /** Big-endian unsigned bytes left-padded to {@code size}. */
  public static byte[] fixed(BigInteger v, int size) {
    byte[] b = v.toByteArray();
    if (b.length == size) {
      return b;
    }
    if (b.length > size) {
      return Arrays.copyOfRange(b, b.length - size, b.length);
    }
    byte[] out = new byte[size];
    System.arraycopy(b, 0, out, size - b.length, b.length);
    return out;
  }

  /** Big-endian unsigned bytes without leading zeros. */
  public static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      return Arrays.copyOfRange(b, 1, b.length);
    }
    return b;
  }

  private static StringValue b64(BigInteger v) {
    return StringValue.of(GoBase64.encodeRawUrl(unsigned(v)));
  }

  static byte[] rawEd25519Public(EdECPublicKey key) {
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    return info.getPublicKeyData().getOctets();
  }

  static byte[] rawEd25519Seed(EdECPrivateKey key) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      return ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("unreadable Ed25519 key", e);
    }
  }

  private static NumberValue num(BigInteger v) {
    return NumberValue.of(v);
  }
}
