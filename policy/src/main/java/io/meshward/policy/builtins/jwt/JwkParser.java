package io.meshward.policy.builtins.jwt;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads JWKs and JWK sets (RFC 7517) into JDK keys. */
final class JwkParser {

  private JwkParser() {}

  /** Thrown for text that is not a usable JWK or JWK set. */
  static final class JwkException extends Exception {
    JwkException(String message) {
      super(message, null, false, false);
    }
  }

  /** One JWK or a {"keys": [...]} set. */
  static List<VerificationKey> parse(String text) throws JwkException {
    Value v;
    try {
      v = Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      throw new JwkException("invalid JSON: " + e.getMessage());
    }
    if (!(v instanceof ObjectValue o)) {
      throw new JwkException("JWK must be a JSON object");
    }
    List<VerificationKey> keys = new ArrayList<>();
    if (o.get("keys") != null) {
      if (!(o.get("keys") instanceof ArrayValue list)) {
        throw new JwkException("\"keys\" must be an array");
      }
      for (Value k : list) {
        if (!(k instanceof ObjectValue ko)) {
          throw new JwkException("each key must be a JSON object");
        }
        keys.add(key(ko));
      }
    } else {
      keys.add(key(o));
    }
    return keys;
  }

  /** The kty of a JWK object. */
  static String keyType(ObjectValue o) throws JwkException {
    return required(o, "kty");
  }

  static VerificationKey key(ObjectValue o) throws JwkException {
    String kty = keyType(o);
    String alg = optional(o, "alg");
    String kid = optional(o, "kid");
    try {
      Object material =
          switch (kty) {
            case "RSA" -> rsa(o);
            case "EC" -> ec(o);
            case "OKP" -> okp(o);
            case "oct" -> bytes(o, "k");
            default -> throw new JwkException("unsupported key type \"" + kty + "\"");
          };
      return new VerificationKey(alg, kid, material);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new JwkException("invalid " + kty + " key: " + e.getMessage());
    }
  }

  private static Object rsa(ObjectValue o) throws JwkException, GeneralSecurityException {
    BigInteger n = integer(o, "n");
    BigInteger e = integer(o, "e");
    KeyFactory f = KeyFactory.getInstance("RSA");
    if (o.get("d") == null) {
      return f.generatePublic(new RSAPublicKeySpec(n, e));
    }
    BigInteger d = integer(o, "d");
    if (o.get("p") != null
        && o.get("q") != null
        && o.get("dp") != null
        && o.get("dq") != null
        && o.get("qi") != null) {
      return f.generatePrivate(
          new RSAPrivateCrtKeySpec(
              n,
              e,
              d,
              integer(o, "p"),
              integer(o, "q"),
              integer(o, "dp"),
              integer(o, "dq"),
              integer(o, "qi")));
    }
    return f.generatePrivate(new RSAPrivateKeySpec(n, d));
  }

  private static Object ec(ObjectValue o) throws JwkException, GeneralSecurityException {
    String crv = required(o, "crv");
    String stdName =
        switch (crv) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          case "P-521" -> "secp521r1";
          default -> throw new JwkException("unsupported curve \"" + crv + "\"");
        };
    java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
    params.init(new java.security.spec.ECGenParameterSpec(stdName));
    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
    KeyFactory f = KeyFactory.getInstance("EC");
    if (o.get("d") != null) {
      return f.generatePrivate(new ECPrivateKeySpec(integer(o, "d"), spec));
    }
    return f.generatePublic(
        new ECPublicKeySpec(new ECPoint(integer(o, "x"), integer(o, "y")), spec));
  }

  private static Object okp(ObjectValue o) throws JwkException, GeneralSecurityException {
    String crv = required(o, "crv");
    if (!crv.equals("Ed25519")) {
      throw new JwkException("unsupported curve \"" + crv + "\"");
    }
    KeyFactory f = KeyFactory.getInstance("Ed25519");
    if (o.get("d") != null) {
      return f.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, bytes(o, "d")));
    }
    byte[] x = bytes(o, "x");
    if (x.length != 32) {
      throw new JwkException("invalid Ed25519 public key length");
    }
    // RFC 8032: little-endian y with the sign of x in the top bit
    boolean xOdd = (x[31] & 0x80) != 0;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = x[31 - i];
    }
    be[0] &= 0x7f;
    return f.generatePublic(
        new EdECPublicKeySpec(
            NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
  }

  private static String required(ObjectValue o, String name) throws JwkException {
    Value v = o.get(name);
    if (!(v instanceof StringValue s)) {
      throw new JwkException("required field \"" + name + "\" is missing");
    }
    return s.value();
  }

  private static String optional(ObjectValue o, String name) {
    return o.get(name) instanceof StringValue s ? s.value() : "";
  }

  private static byte[] bytes(ObjectValue o, String name) throws JwkException {
    String s = required(o, name);
    try {
      String trimmed = s.replace("=", "");
      return trimmed.indexOf('+') >= 0 || trimmed.indexOf('/') >= 0
          ? Base64.getDecoder().decode(pad(trimmed))
          : Base64.getUrlDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new JwkException("failed to decode \"" + name + "\": " + e.getMessage());
    }
  }

  private static String pad(String s) {
    return s + "===".substring(0, (4 - s.length() % 4) % 4);
  }

  private static BigInteger integer(ObjectValue o, String name) throws JwkException {
    return new BigInteger(1, bytes(o, name));
  }

  /** Whether a key's material agrees with the JWK's kty. */
  static boolean matchesType(Object key, String kty) {
    return switch (kty) {
      case "RSA" -> key instanceof java.security.interfaces.RSAKey;
      case "EC" -> key instanceof java.security.interfaces.ECKey;
      case "OKP" -> key instanceof java.security.interfaces.EdECKey;
      case "oct" -> key instanceof byte[];
      default -> false;
    };
  }
}
