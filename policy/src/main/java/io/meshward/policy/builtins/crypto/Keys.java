package io.meshward.policy.builtins.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Reads private and public keys from DER the way Go's {@code crypto/x509} does. */
public final class Keys {

  private Keys() {}

  /** Go's {@code x509.ParsePKCS1PrivateKey}. */
  public static PrivateKey pkcs1(byte[] der) throws GeneralSecurityException {
    try {
      RSAPrivateKey k = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
      return KeyFactory.getInstance("RSA")
          .generatePrivate(
              new RSAPrivateCrtKeySpec(
                  k.getModulus(),
                  k.getPublicExponent(),
                  k.getPrivateExponent(),
                  k.getPrime1(),
                  k.getPrime2(),
                  k.getExponent1(),
                  k.getExponent2(),
                  k.getCoefficient()));
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new GeneralSecurityException("x509: failed to parse private key", e);
    }
  }

  /** Go's {@code x509.ParsePKCS8PrivateKey} (RSA, EC, Ed25519). */
  public static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new GeneralSecurityException("x509: failed to parse private key", e);
    }
    ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
    String name;
    if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      name = "RSA";
    } else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      name = "EC";
    } else if (alg.getId().equals("1.3.101.112")) {
      name = "Ed25519";
    } else {
      throw new GeneralSecurityException(
          "x509: PKCS#8 wrapping contained private key with unknown algorithm: " + alg.getId());
    }
    return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** Go's {@code x509.ParseECPrivateKey} (SEC 1). */
  public static PrivateKey sec1(byte[] der) throws GeneralSecurityException {
    try {
      org.bouncycastle.asn1.sec.ECPrivateKey k =
          org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
      ASN1Primitive params = k.getParametersObject().toASN1Primitive();
      PrivateKeyInfo info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), k);
      return KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException | IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw new GeneralSecurityException("x509: failed to parse EC private key", e);
    }
  }

  /** A PKIX (SubjectPublicKeyInfo) public key. */
  public static PublicKey pkix(byte[] der) throws GeneralSecurityException {
    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info;
    try {
      info =
          org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
              ASN1Sequence.getInstance(der));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new GeneralSecurityException("x509: failed to parse public key", e);
    }
    String alg = info.getAlgorithm().getAlgorithm().getId();
    String name =
        switch (alg) {
          case "1.2.840.113549.1.1.1" -> "RSA";
          case "1.2.840.10045.2.1" -> "EC";
          case "1.3.101.112" -> "Ed25519";
          case "1.2.840.10040.4.1" -> "DSA";
          default -> throw new GeneralSecurityException("x509: unknown public key algorithm");
        };
    return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(der));
  }

  /** The public point of an EC private key. */
  static ECPoint ecPublicPoint(ECPrivateKey key) {
    ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec(curveName(key.getParams()));
    ECMultiplier m = new FixedPointCombMultiplier();
    org.bouncycastle.math.ec.ECPoint q = m.multiply(spec.getG(), key.getS()).normalize();
    return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  /** "P-256", "P-384" or "P-521" for the NIST curves. */
  public static String curveName(ECParameterSpec params) {
    return switch (params.getCurve().getField().getFieldSize()) {
      case 256 -> "P-256";
      case 384 -> "P-384";
      case 521 -> "P-521";
      case 224 -> "P-224";
      default -> throw new IllegalArgumentException("unsupported curve");
    };
  }

  static byte[] ed25519PublicFromSeed(byte[] seed) {
    return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
  }

  /** Whether a private key belongs to a public key. */
  public static boolean matches(PublicKey pub, PrivateKey priv) {
    if (pub instanceof java.security.interfaces.RSAPublicKey rp
        && priv instanceof java.security.interfaces.RSAPrivateCrtKey rk) {
      return rp.getModulus().equals(rk.getModulus())
          && rp.getPublicExponent().equals(rk.getPublicExponent());
    }
    if (pub instanceof java.security.interfaces.ECPublicKey ep && priv instanceof ECPrivateKey ek) {
      return ep.getW().equals(ecPublicPoint(ek));
    }
    if (pub instanceof java.security.interfaces.EdECPublicKey ep
        && priv instanceof java.security.interfaces.EdECPrivateKey ek) {
      return java.util.Arrays.equals(
          KeyJson.rawEd25519Public(ep), ed25519PublicFromSeed(KeyJson.rawEd25519Seed(ek)));
    }
    return false;
  }
}
