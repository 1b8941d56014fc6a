package io.meshward.policy.builtins.crypto;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.encoding.GoBase64;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.CertificationRequest;

/** The {@code crypto.*} builtins: digests, HMACs, X.509 parsing and chain verification, keys. */
public final class CryptoBuiltins implements BuiltinFamily {

  private static final HexFormat HEX = HexFormat.of();

  /** Key usage names accepted in verification options, mapped to Go's ExtKeyUsage values. */
  private static final Map<String, Integer> KEY_USAGE_NAMES =
      Map.ofEntries(
          Map.entry("KeyUsageAny", 0),
          Map.entry("KeyUsageServerAuth", 1),
          Map.entry("KeyUsageClientAuth", 2),
          Map.entry("KeyUsageCodeSigning", 3),
          Map.entry("KeyUsageEmailProtection", 4),
          Map.entry("KeyUsageIPSECEndSystem", 5),
          Map.entry("KeyUsageIPSECTunnel", 6),
          Map.entry("KeyUsageIPSECUser", 7),
          Map.entry("KeyUsageTimeStamping", 8),
          Map.entry("KeyUsageOCSPSigning", 9),
          Map.entry("KeyUsageMicrosoftServerGatedCrypto", 10),
          Map.entry("KeyUsageNetscapeServerGatedCrypto", 11),
          Map.entry("KeyUsageMicrosoftCommercialCodeSigning", 12),
          Map.entry("KeyUsageMicrosoftKernelCodeSigning", 13));

  private static final String CERT_LIST = "array[object[string: any]]";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("crypto.md5", "(string) -> string", (ctx, args) -> digest("MD5", args));
    table.add("crypto.sha1", "(string) -> string", (ctx, args) -> digest("SHA-1", args));
    table.add("crypto.sha256", "(string) -> string", (ctx, args) -> digest("SHA-256", args));
    table.add("crypto.hmac.md5", "(string, string) -> string", (c, a) -> hmac("HmacMD5", a));
    table.add("crypto.hmac.sha1", "(string, string) -> string", (c, a) -> hmac("HmacSHA1", a));
    table.add("crypto.hmac.sha256", "(string, string) -> string", (c, a) -> hmac("HmacSHA256", a));
    table.add("crypto.hmac.sha512", "(string, string) -> string", (c, a) -> hmac("HmacSHA512", a));
    table.add(
        "crypto.hmac.equal",
        "(string, string) -> boolean",
        (ctx, args) ->
            BooleanValue.of(
                MessageDigest.isEqual(utf8(Args.string(args, 0)), utf8(Args.string(args, 1)))));
    table.add(
        "crypto.x509.parse_certificates",
        "(string) -> " + CERT_LIST,
        (ctx, args) -> certificatesJson(certificates(Args.string(args, 0))));
    table.add(
        "crypto.x509.parse_and_verify_certificates",
        "(string) -> [boolean, " + CERT_LIST + "]",
        (ctx, args) ->
            parseAndVerify(Args.string(args, 0), new ChainVerifier.Options(null, null, List.of())));
    table.add(
        "crypto.x509.parse_and_verify_certificates_with_options",
        "(string, object[string: any]) -> [boolean, " + CERT_LIST + "]",
        (ctx, args) -> {
          String input = Args.string(args, 0);
          ObjectValue options = Args.object(args, 1);
          return parseAndVerify(input, verifyOptions(options));
        });
    table.add(
        "crypto.x509.parse_certificate_request",
        "(string) -> object[string: any]",
        CryptoBuiltins::parseCertificateRequest);
    table.add(
        "crypto.x509.parse_keypair",
        "(string, string) -> object[string: any]",
        (ctx, args) -> KeyPair.parse(Args.string(args, 0), Args.string(args, 1)));
    table.add(
        "crypto.x509.parse_rsa_private_key",
        "(string) -> object[string: any]",
        CryptoBuiltins::parseRsaPrivateKey);
    table.add(
        "crypto.parse_private_keys",
        "(string) -> array[object[string: any]]",
        CryptoBuiltins::parsePrivateKeys);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Value digest(String algorithm, Value[] args) throws BuiltinException {
    String input = Args.string(args, 0);
    try {
      return StringValue.of(
          HEX.formatHex(MessageDigest.getInstance(algorithm).digest(utf8(input))));
    } catch (NoSuchAlgorithmException e) {
      throw new BuiltinException(algorithm + " is not available", e);
    }
  }

  private static Value hmac(String algorithm, Value[] args) throws BuiltinException {
    String message = Args.string(args, 0);
    String key = Args.string(args, 1);
    return StringValue.of(HEX.formatHex(mac(algorithm, utf8(key), utf8(message))));
  }

  /** An HMAC; an empty key is allowed, as in Go. */
  public static byte[] mac(String algorithm, byte[] key, byte[] message) throws BuiltinException {
    try {
      Mac mac = Mac.getInstance(algorithm);
      // SecretKeySpec refuses empty keys; HMAC pads any key with zeros, so one zero byte is the
      // same
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new BuiltinException(algorithm + " failed: " + e.getMessage(), e);
    }
  }

  private static List<ParsedCertificate> certificates(String input) throws BuiltinException {
    try {
      return ParsedCertificate.fromString(input);
    } catch (ParsedCertificate.MalformedException e) {
      throw new BuiltinException(e.getMessage());
    }
  }

  private static Value certificatesJson(List<ParsedCertificate> certs) throws BuiltinException {
    List<Value> out = new ArrayList<>(certs.size());
    for (ParsedCertificate c : certs) {
      out.add(certificateJson(c));
    }
    return ArrayValue.of(out);
  }

  static ObjectValue certificateJson(ParsedCertificate c) throws BuiltinException {
    try {
      return CertificateJson.certificate(c.asn1(), c.jdk().getPublicKey());
    } catch (IOException | RuntimeException e) {
      throw new BuiltinException("x509: malformed certificate");
    }
  }

  private static Value parseAndVerify(String input, ChainVerifier.Options options)
      throws BuiltinException {
    Value invalid = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
    List<ParsedCertificate> certs;
    try {
      certs = ParsedCertificate.fromString(input);
    } catch (ParsedCertificate.MalformedException e) {
      return invalid;
    }
    try {
      return ArrayValue.of(
          BooleanValue.TRUE, certificatesJson(ChainVerifier.verify(certs, options)));
    } catch (ChainVerifier.VerifyException e) {
      return invalid;
    }
  }

  private static ChainVerifier.Options verifyOptions(ObjectValue options) throws BuiltinException {
    String dnsName = null;
    Instant currentTime = null;
    List<Integer> usages = new ArrayList<>();
    for (Value key : options.keys()) {
      Value v = options.get(key);
      String name = key instanceof StringValue s ? s.value() : "";
      switch (name) {
        case "DNSName" -> {
          if (!(v instanceof StringValue s)) {
            throw new BuiltinException("'DNSName' should be a string");
          }
          dnsName = s.value().replaceAll("^\"+|\"+$", "");
        }
        case "CurrentTime" -> {
          if (!(v instanceof NumberValue n)) {
            throw new BuiltinException("'CurrentTime' should be a number");
          }
          long ns =
              n.longValue()
                  .orElseThrow(
                      () -> new BuiltinException("'CurrentTime' should be a valid int64 number"));
          currentTime =
              Instant.ofEpochSecond(
                  Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
        }
        case "MaxConstraintComparisons" -> {
          if (!(v instanceof NumberValue n)) {
            throw new BuiltinException("'MaxConstraintComparisons' should be a number");
          }
          n.intValue()
              .orElseThrow(
                  () ->
                      new BuiltinException("'MaxConstraintComparisons' should be a valid number"));
        }
        case "KeyUsages" -> {
          List<Value> elements =
              switch (v) {
                case ArrayValue a -> a.elements();
                case SetValue s -> s.elements();
                default -> throw new BuiltinException("'KeyUsages' should be an Array or Set");
              };
          List<String> invalid = new ArrayList<>();
          for (Value e : elements) {
            if (e instanceof StringValue s) {
              String u = s.value().replaceAll("^\"+|\"+$", "");
              Integer known = KEY_USAGE_NAMES.get(u);
              if (known == null) {
                invalid.add(u);
              } else {
                usages.add(known);
              }
            }
          }
          if (!invalid.isEmpty()) {
            throw new BuiltinException(
                "invalid entries for 'KeyUsages' found: [" + String.join(" ", invalid) + "]");
          }
        }
        default -> throw new BuiltinException("invalid key option");
      }
    }
    return new ChainVerifier.Options(dnsName, currentTime, usages);
  }

  private static Value parseCertificateRequest(BuiltinContext ctx, Value[] args)
      throws BuiltinException {
    String input = Args.string(args, 0);
    byte[] bytes;
    if (input.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
      bytes = input.getBytes(StandardCharsets.ISO_8859_1);
    } else {
      bytes = base64(input);
    }
    PemBlock block = PemBlock.decode(PemBlock.latin(bytes));
    if (block != null && !block.type().equals("CERTIFICATE REQUEST")) {
      throw new BuiltinException("invalid PEM-encoded certificate signing request");
    }
    if (block != null) {
      bytes = block.bytes();
    }
    try {
      CertificationRequest csr = CertificationRequest.getInstance(bytes);
      PublicKey key;
      try {
        key =
            Keys.pkix(
                csr.getCertificationRequestInfo().getSubjectPublicKeyInfo().getEncoded("DER"));
      } catch (GeneralSecurityException e) {
        key = null;
      }
      return CertificateJson.certificateRequest(csr, key);
    } catch (IOException | RuntimeException e) {
      throw new BuiltinException("asn1: structure error: malformed certificate request");
    }
  }

  static byte[] base64(String input) throws BuiltinException {
    try {
      return GoBase64.decodeStd(input);
    } catch (GoBase64.InvalidBase64Exception e) {
      throw new BuiltinException(e.getMessage());
    }
  }

  private static Value parseRsaPrivateKey(BuiltinContext ctx, Value[] args)
      throws BuiltinException {
    String input = Args.string(args, 0);
    String pem = input.startsWith("-----BEGIN") ? input : PemBlock.latin(base64(input));
    PemBlock block = PemBlock.decode(pem);
    if (block == null) {
      throw new BuiltinException("failed to parse PEM block containing the key");
    }
    PrivateKey key;
    try {
      key =
          switch (block.type()) {
            case "RSA PRIVATE KEY" -> Keys.pkcs1(block.bytes());
            case "PRIVATE KEY" -> Keys.pkcs8(block.bytes());
            default ->
                throw new BuiltinException(
                    "PEM block type is '"
                        + block.type()
                        + "', expected RSA PRIVATE KEY or PRIVATE KEY");
          };
    } catch (GeneralSecurityException e) {
      throw new BuiltinException(e.getMessage());
    }
    try {
      return KeyJson.privateJwk(key);
    } catch (IllegalArgumentException e) {
      throw new BuiltinException("failed to create JWK: " + e.getMessage());
    }
  }

  private static Value parsePrivateKeys(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String input = Args.string(args, 0);
    if (input.isEmpty()) {
      return NullValue.INSTANCE;
    }
    String text;
    try {
      text = PemBlock.latin(GoBase64.decodeStd(input));
    } catch (GoBase64.InvalidBase64Exception e) {
      text = input;
    }
    List<Value> keys = new ArrayList<>();
    for (PemBlock block : PemBlock.decodeAll(text)) {
      PrivateKey key;
      try {
        key =
            switch (block.type()) {
              case "RSA PRIVATE KEY" -> Keys.pkcs1(block.bytes());
              case "EC PRIVATE KEY" -> Keys.sec1(block.bytes());
              case "PRIVATE KEY" -> Keys.pkcs8(block.bytes());
              default -> null;
            };
      } catch (GeneralSecurityException e) {
        throw new BuiltinException(e.getMessage());
      }
      if (key != null) {
        keys.add(KeyJson.privateKey(key));
      }
    }
    return ArrayValue.of(keys);
  }
}
