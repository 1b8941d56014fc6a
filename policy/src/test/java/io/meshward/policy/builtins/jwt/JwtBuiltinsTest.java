package io.meshward.policy.builtins.jwt;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.builtins.crypto.TestPki;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtBuiltinsTest {

  /** The evaluation clock: 2024-03-01T12:00:00Z. */
  private static final long NOW = 1709294400L;

  private final BuiltinHarness h =
      new BuiltinHarness(
          new BuiltinHarness.FixedContext(Instant.ofEpochSecond(NOW)), new JwtBuiltins());

  private static KeyPair rsa;
  private static KeyPair ec;
  private static KeyPair ed;

  @BeforeAll
  static void keys() throws Exception {
    rsa = TestPki.rsa(2048);
    ec = TestPki.ec("secp256r1");
    ed = TestPki.ed25519();
  }

  private static String b64u(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String b64u(String s) {
    return b64u(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64u(BigInteger i) {
    byte[] b = i.toByteArray();
    if (b[0] == 0 && b.length > 1) {
      b = java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    return b64u(b);
  }

  static String rsaJwk(boolean priv, String kid) {
    RSAPublicKey p = (RSAPublicKey) rsa.getPublic();
    StringBuilder j =
        new StringBuilder(
            "{\"kty\":\"RSA\",\"n\":\""
                + b64u(p.getModulus())
                + "\",\"e\":\""
                + b64u(p.getPublicExponent())
                + "\"");
    if (priv) {
      RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.getPrivate();
      j.append(",\"d\":\"")
          .append(b64u(k.getPrivateExponent()))
          .append("\",\"p\":\"")
          .append(b64u(k.getPrimeP()))
          .append("\",\"q\":\"")
          .append(b64u(k.getPrimeQ()))
          .append("\",\"dp\":\"")
          .append(b64u(k.getPrimeExponentP()))
          .append("\",\"dq\":\"")
          .append(b64u(k.getPrimeExponentQ()))
          .append("\",\"qi\":\"")
          .append(b64u(k.getCrtCoefficient()))
          .append("\"");
    }
    if (kid != null) {
      j.append(",\"kid\":\"").append(kid).append("\"");
    }
    return j.append("}").toString();
  }

  static String ecJwk(boolean priv) {
    ECPublicKey p = (ECPublicKey) ec.getPublic();
    String j =
        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
            + b64u(p.getW().getAffineX())
            + "\",\"y\":\""
            + b64u(p.getW().getAffineY())
            + "\"";
    if (priv) {
      j += ",\"d\":\"" + b64u(((ECPrivateKey) ec.getPrivate()).getS()) + "\"";
    }
    return j + "}";
  }

  static String edJwk(boolean priv) throws Exception {
    byte[] spki = ed.getPublic().getEncoded();
    byte[] x = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    String j = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + b64u(x) + "\"";
    if (priv) {
      byte[] pkcs8 = ed.getPrivate().getEncoded();
      j +=
          ",\"d\":\""
              + b64u(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length))
              + "\"";
    }
    return j + "}";
  }

  private static final String SECRET_JWK =
      "{\"kty\":\"oct\",\"k\":\"" + b64u("correct horse battery staple") + "\"}";

  private String sign(String header, String payload, String jwk) throws Exception {
    return ((StringValue) h.call("io.jwt.encode_sign", header, payload, jwk)).value();
  }

  @Test
  void signaturesMatchCapabilities() throws Exception {
    assertThat(h.checkAgainstCapabilities()).hasSize(17);
  }

  @Test
  void decodeSplitsHeaderClaimsAndSignature() throws Exception {
    String token =
        b64u("{\"alg\":\"none\",\"typ\":\"JWT\"}")
            + "."
            + b64u("{\"sub\":\"peer-1\",\"n\":1.5}")
            + "."
            + b64u(new byte[] {1, 2, (byte) 0xff});
    assertThat(h.json("io.jwt.decode", quoted(token)))
        .isEqualTo(
            "[{\"alg\":\"none\",\"typ\":\"JWT\"},{\"n\":1.5,\"sub\":\"peer-1\"},\"0102ff\"]");
  }

  @Test
  void decodeErrors() throws Exception {
    h.failure("io.jwt.decode", quoted("abc")).hasMessage("encoded JWT had no period separators");
    h.failure("io.jwt.decode", quoted("a.b"))
        .hasMessage("encoded JWT must have 3 sections, found 2");
    h.failure("io.jwt.decode", quoted("a.b.c.d"))
        .hasMessage("encoded JWT must have 3 sections, found 4");
    String header = b64u("{\"alg\":\"HS256\"}");
    h.failure("io.jwt.decode", quoted("eyJh!GciOiJIUzI1NiJ9.e30.AA"))
        .hasMessage("JWT header had invalid encoding: illegal base64 data at input byte 4");
    h.failure("io.jwt.decode", quoted(header + ".e3+0.AA"))
        .hasMessage("JWT payload had invalid encoding: illegal base64 data at input byte 2");
    h.failure("io.jwt.decode", quoted(header + ".e30.A*A"))
        .hasMessage("JWT signature had invalid encoding: illegal base64 data at input byte 1");
    h.failure(
            "io.jwt.decode", quoted(b64u("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".e30.AA"))
        .hasMessage("JWT is a JWE object, which is not supported");
    h.failure("io.jwt.decode", quoted(header + "." + b64u("[1]") + ".AA"))
        .hasMessage("decoded JSON type was not an Object");
  }

  @Test
  void decodeFollowsNestedTokens() throws Exception {
    String inner = sign("{\"alg\":\"HS256\"}", "{\"sub\":\"inner\"}", SECRET_JWK);
    String outer =
        b64u("{\"alg\":\"HS256\",\"cty\":\"JWT\"}") + "." + b64u("\"" + inner + "\"") + ".AA";
    Value decoded = h.call("io.jwt.decode", quoted(outer));
    assertThat(((ArrayValue) decoded).get(1).toJson()).isEqualTo("{\"sub\":\"inner\"}");
  }

  @Test
  void hmacSignAndVerify() throws Exception {
    String token =
        sign(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"iss\":\"meshward\",\"aud\":{\"b\",\"a\"}}"
                .replace("{\"b\",\"a\"}", "[\"a\",\"b\"]"),
            SECRET_JWK);
    assertThat(token).startsWith(b64u("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + ".");
    String secret = quoted("correct horse battery staple");
    assertThat(h.json("io.jwt.verify_hs256", quoted(token), secret)).isEqualTo("true");
    assertThat(h.json("io.jwt.verify_hs256", quoted(token), quoted("wrong"))).isEqualTo("false");
    assertThat(h.json("io.jwt.verify_hs384", quoted(token), secret)).isEqualTo("false");
    String hs512 = sign("{\"alg\":\"HS512\"}", "{}", SECRET_JWK);
    assertThat(h.json("io.jwt.verify_hs512", quoted(hs512), secret)).isEqualTo("true");
    h.failure("io.jwt.verify_hs256", quoted("a.b"), secret)
        .hasMessage("encoded JWT must have 3 sections, found 2");
  }

  @Test
  void encodeSignWritesGoStyleJson() throws Exception {
    String token =
        sign(
            "{\"typ\":\"JWT\",\"alg\":\"HS256\"}",
            "{\"note\":\"a<b & c>d\",\"roles\":{\"z\",\"a\"}}"
                .replace("{\"z\",\"a\"}", "[\"a\",\"z\"]"),
            SECRET_JWK);
    String payload =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    assertThat(payload)
        .isEqualTo("{\"note\":\"a\\u003cb \\u0026 c\\u003ed\",\"roles\":[\"a\",\"z\"]}");
  }

  @Test
  void encodeSignRawKeepsBytesAndReportsHeaderErrors() throws Exception {
    String raw =
        ((StringValue)
                h.call(
                    "io.jwt.encode_sign_raw",
                    quoted("{\"alg\":\"HS256\", \"typ\":\"text\"}"),
                    quoted("plain text"),
                    quoted(SECRET_JWK)))
            .value();
    assertThat(raw.split("\\.")[0]).isEqualTo(b64u("{\"alg\":\"HS256\", \"typ\":\"text\"}"));
    assertThat(raw.split("\\.")[1]).isEqualTo(b64u("plain text"));
    String fn = "io.jwt.encode_sign_raw";
    h.failure(fn, quoted("{\"alg\":\"HS256\"}"), quoted("not json"), quoted(SECRET_JWK))
        .hasMessage("type is JWT but payload is not JSON");
    h.failure(fn, quoted("{\"alg\":\"XX999\"}"), quoted("{}"), quoted(SECRET_JWK))
        .hasMessage("unknown JWS algorithm: XX999");
    h.failure(fn, quoted("{}"), quoted("{}"), quoted(SECRET_JWK))
        .hasMessage("missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
    h.failure(fn, quoted(""), quoted("{}"), quoted(SECRET_JWK))
        .hasMessage(
            "missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
    h.failure(fn, quoted("{alg"), quoted("{}"), quoted(SECRET_JWK))
        .hasMessageStartingWith("missing or invalid 'alg' header: cannot parse JSON");
    h.failure(fn, quoted("{\"alg\":\"RS256\"}"), quoted("{}"), quoted(SECRET_JWK))
        .hasMessage("failed to sign payload: invalid key type for algorithm RS256");
  }

  @Test
  void asymmetricAlgorithmsRoundTripWithEveryKeyForm() throws Exception {
    var cert =
        TestPki.issue(TestPki.Spec.ca("jwt-rsa"), rsa.getPublic(), "jwt-rsa", rsa.getPrivate());
    String certPem = TestPki.pem("CERTIFICATE", cert.getEncoded());
    String pubPem = TestPki.pem("PUBLIC KEY", rsa.getPublic().getEncoded());
    for (String alg : new String[] {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}) {
      String token = sign("{\"alg\":\"" + alg + "\"}", "{\"sub\":\"x\"}", rsaJwk(true, null));
      String fn = "io.jwt.verify_" + alg.toLowerCase();
      assertThat(h.json(fn, quoted(token), quoted(certPem))).as(alg + " cert").isEqualTo("true");
      assertThat(h.json(fn, quoted(token), quoted(pubPem))).as(alg + " pem").isEqualTo("true");
      assertThat(h.json(fn, quoted(token), quoted(rsaJwk(false, null))))
          .as(alg + " jwk")
          .isEqualTo("true");
      assertThat(h.json(fn, quoted(token + "A"), quoted(pubPem)))
          .as(alg + " tampered")
          .isEqualTo("false");
    }
    String es = sign("{\"alg\":\"ES256\"}", "{}", ecJwk(true));
    assertThat(Base64.getUrlDecoder().decode(es.split("\\.")[2])).hasSize(64);
    assertThat(h.json("io.jwt.verify_es256", quoted(es), quoted(ecJwk(false)))).isEqualTo("true");
    assertThat(
            h.json(
                "io.jwt.verify_es256",
                quoted(es),
                quoted(TestPki.pem("PUBLIC KEY", ec.getPublic().getEncoded()))))
        .isEqualTo("true");
    assertThat(h.json("io.jwt.verify_rs256", quoted(es), quoted(ecJwk(false)))).isEqualTo("false");
    String eddsa = sign("{\"alg\":\"EdDSA\"}", "{}", edJwk(true));
    assertThat(h.json("io.jwt.verify_eddsa", quoted(eddsa), quoted(edJwk(false))))
        .isEqualTo("true");
    assertThat(
            h.json(
                "io.jwt.verify_eddsa",
                quoted(eddsa),
                quoted(TestPki.pem("PUBLIC KEY", ed.getPublic().getEncoded()))))
        .isEqualTo("true");
    // Ed25519 is deterministic: signing twice gives the same token
    assertThat(sign("{\"alg\":\"EdDSA\"}", "{}", edJwk(true))).isEqualTo(eddsa);
  }

  @Test
  void psVerificationAcceptsAnySaltLength() throws Exception {
    String input = b64u("{\"alg\":\"PS256\"}") + "." + b64u("{}");
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 0, 1));
    s.initSign(rsa.getPrivate());
    s.update(input.getBytes(StandardCharsets.UTF_8));
    String token = input + "." + b64u(s.sign());
    assertThat(h.json("io.jwt.verify_ps256", quoted(token), quoted(rsaJwk(false, null))))
        .isEqualTo("true");
  }

  @Test
  void keySetsAreMatchedByKidAndAlg() throws Exception {
    String token = sign("{\"alg\":\"RS256\",\"kid\":\"k2\"}", "{}", rsaJwk(true, null));
    KeyPair other = TestPki.rsa(2048);
    String otherJwk =
        "{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\""
            + b64u(((RSAPublicKey) other.getPublic()).getModulus())
            + "\",\"e\":\"AQAB\"}";
    String set = "{\"keys\":[" + otherJwk + "," + rsaJwk(false, "k2") + "]}";
    assertThat(h.json("io.jwt.verify_rs256", quoted(token), quoted(set))).isEqualTo("true");
    String wrongKid =
        "{\"keys\":[" + otherJwk.replace("k1", "k2") + "," + rsaJwk(false, "k3") + "]}";
    // the key named by kid is the only one tried
    assertThat(h.json("io.jwt.verify_rs256", quoted(token), quoted(wrongKid))).isEqualTo("false");
    String withAlg = "{\"keys\":[" + rsaJwk(false, null).replace("{", "{\"alg\":\"RS512\",") + "]}";
    assertThat(h.json("io.jwt.verify_rs256", quoted(token.replace("k2", "zz")), quoted(withAlg)))
        .isEqualTo("false");
  }

  @Test
  void keyInputErrors() throws Exception {
    String token = sign("{\"alg\":\"RS256\"}", "{}", rsaJwk(true, null));
    String pubPem = TestPki.pem("PUBLIC KEY", rsa.getPublic().getEncoded());
    h.failure("io.jwt.verify_rs256", quoted(token), quoted(pubPem + "extra"))
        .hasMessage("extra data after a PEM certificate block");
    h.failure("io.jwt.verify_rs256", quoted(token), quoted(TestPki.pem("CERT", new byte[] {1})))
        .hasMessage("failed to extract a Key from the PEM certificate");
    h.failure(
            "io.jwt.verify_rs256",
            quoted(token),
            quoted(TestPki.pem("CERTIFICATE", new byte[] {1, 2})))
        .hasMessageStartingWith("failed to parse a PEM certificate");
    h.failure("io.jwt.verify_rs256", quoted(token), quoted("{\"kty\":\"RSA\"}"))
        .hasMessageStartingWith("failed to parse a JWK key (set)");
  }

  private String verify(String token, String constraints) throws Exception {
    Value v = h.call("io.jwt.decode_verify", quoted(token), constraints);
    return ((ArrayValue) v).get(0).toJson();
  }

  @Test
  void decodeVerifyChecksSignatureAndClaims() throws Exception {
    String secret = "{\"secret\": \"correct horse battery staple\", \"aud\": \"agent\"";
    String token =
        sign(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"iss\":\"meshward\",\"aud\":[\"relay\",\"agent\"],\"exp\":"
                + (NOW + 60)
                + ",\"nbf\":"
                + (NOW - 60)
                + "}",
            SECRET_JWK);
    // a token with an audience verifies only for a caller that names one of its audiences
    assertThat(verify(token, "{\"secret\": \"correct horse battery staple\"}")).isEqualTo("false");
    Value ok =
        h.call(
            "io.jwt.decode_verify",
            quoted(token),
            "{\"secret\": \"correct horse battery staple\", \"aud\": \"relay\"}");
    assertThat(ok.toJson())
        .isEqualTo(
            "[true,{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"aud\":[\"relay\",\"agent\"],\"exp\":"
                + (NOW + 60)
                + ",\"iss\":\"meshward\",\"nbf\":"
                + (NOW - 60)
                + "}]");
    assertThat(verify(token, "{\"secret\": \"nope\"}")).isEqualTo("false");
    assertThat(verify(token, secret + ", \"iss\": \"meshward\"}")).isEqualTo("true");
    assertThat(
            verify(
                token, "{\"secret\": \"correct horse battery staple\", \"aud\": \"coordinator\"}"))
        .isEqualTo("false");
    assertThat(verify(token, secret + ", \"iss\": \"someone\"}")).isEqualTo("false");
    assertThat(verify(token, secret + ", \"alg\": \"HS512\"}")).isEqualTo("false");
    assertThat(verify(token, secret + ", \"time\": " + (NOW + 60) + "000000000}"))
        .isEqualTo("false");
    assertThat(verify(token, secret + ", \"time\": " + (NOW - 61) + "000000000}"))
        .isEqualTo("false");
    assertThat(verify(token, secret + ", \"time\": " + (NOW - 60) + "000000000}"))
        .isEqualTo("true");
    assertThat(h.call("io.jwt.decode_verify", quoted(token), "{\"secret\": \"nope\"}").toJson())
        .isEqualTo("[false,{},{}]");
  }

  @Test
  void decodeVerifyWithFractionalTimes() throws Exception {
    String token = sign("{\"alg\":\"HS256\"}", "{\"exp\":1700000000.25}", SECRET_JWK);
    String secret = "{\"secret\": \"correct horse battery staple\", \"time\": ";
    assertThat(verify(token, secret + "1700000000240000000}")).isEqualTo("true");
    assertThat(verify(token, secret + "1700000000260000000}")).isEqualTo("false");
  }

  @Test
  void decodeVerifyAudienceRules() throws Exception {
    String secret = "{\"secret\": \"correct horse battery staple\"";
    String withAud = sign("{\"alg\":\"HS256\"}", "{\"aud\":\"relay\"}", SECRET_JWK);
    String noAud = sign("{\"alg\":\"HS256\"}", "{}", SECRET_JWK);
    assertThat(verify(withAud, secret + "}")).isEqualTo("false");
    assertThat(verify(withAud, secret + ", \"aud\": \"relay\"}")).isEqualTo("true");
    assertThat(verify(noAud, secret + ", \"aud\": \"relay\"}")).isEqualTo("false");
  }

  @Test
  void decodeVerifyWithCertificatesAndNesting() throws Exception {
    var cert =
        TestPki.issue(TestPki.Spec.ca("jwt-rsa"), rsa.getPublic(), "jwt-rsa", rsa.getPrivate());
    String certPem = quoted(TestPki.pem("CERTIFICATE", cert.getEncoded()));
    String inner = sign("{\"alg\":\"PS256\"}", "{\"sub\":\"inner\"}", rsaJwk(true, null));
    String outer =
        ((StringValue)
                h.call(
                    "io.jwt.encode_sign_raw",
                    quoted("{\"alg\":\"RS256\",\"cty\":\"JWT\",\"typ\":\"JOSE\"}"),
                    quoted(inner),
                    quoted(rsaJwk(true, null))))
            .value();
    Value v = h.call("io.jwt.decode_verify", quoted(outer), "{\"cert\": " + certPem + "}");
    assertThat(v.toJson()).isEqualTo("[true,{\"alg\":\"PS256\"},{\"sub\":\"inner\"}]");
    String crit =
        ((StringValue)
                h.call(
                    "io.jwt.encode_sign_raw",
                    quoted("{\"alg\":\"RS256\",\"crit\":[\"x-unknown\"],\"x-unknown\":1}"),
                    quoted("{}"),
                    quoted(rsaJwk(true, null))))
            .value();
    assertThat(verify(crit, "{\"cert\": " + certPem + "}")).isEqualTo("false");
    String noAlg = b64u("{\"typ\":\"JWT\"}") + "." + b64u("{}") + ".AA";
    assertThat(verify(noAlg, "{\"cert\": " + certPem + "}")).isEqualTo("false");
  }

  @Test
  void decodeVerifyErrors() throws Exception {
    String badExp = sign("{\"alg\":\"HS256\"}", "{\"exp\":\"soon\"}", SECRET_JWK);
    h.failure(
            "io.jwt.decode_verify",
            quoted(badExp),
            "{\"secret\": \"correct horse battery staple\"}")
        .hasMessage("exp value must be a number");
    String badNbf = sign("{\"alg\":\"HS256\"}", "{\"nbf\":[]}", SECRET_JWK);
    h.failure(
            "io.jwt.decode_verify",
            quoted(badNbf),
            "{\"secret\": \"correct horse battery staple\"}")
        .hasMessage("nbf value must be a number");
    h.failure("io.jwt.decode_verify", quoted(badExp), "{}").hasMessage("no key constraint");
    h.failure(
            "io.jwt.decode_verify",
            quoted(badExp),
            "{\"secret\": \"a\", \"cert\": " + quoted(rsaJwk(false, null)) + "}")
        .hasMessage("duplicate key constraints");
    h.failure("io.jwt.decode_verify", quoted(badExp), "{\"secret\": \"a\", \"colour\": 1}")
        .hasMessage("unknown token validation constraint: colour");
  }
}
