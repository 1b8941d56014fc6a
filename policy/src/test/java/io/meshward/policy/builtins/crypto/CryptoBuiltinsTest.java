package io.meshward.policy.builtins.crypto;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CryptoBuiltinsTest {

  private final BuiltinHarness h = new BuiltinHarness(new CryptoBuiltins());
  private static TestPki.Chain chain;

  @BeforeAll
  static void makeChain() throws Exception {
    chain =
        TestPki.chain(TestPki.Spec.leaf("peer.mesh.test").withUris("spiffe://mesh.test/peer/7"));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Value at(Value v, Object... path) {
    for (Object p : path) {
      v = p instanceof Integer i ? ((ArrayValue) v).get(i) : ((ObjectValue) v).get((String) p);
    }
    return v;
  }

  @Test
  void signaturesMatchCapabilities() throws Exception {
    assertThat(h.checkAgainstCapabilities()).hasSize(15);
  }

  @Test
  void digestsAndHmacs() throws Exception {
    String m = quoted("peer-7 wg0");
    String k = quoted("s3cr3t");
    assertThat(h.json("crypto.md5", m)).isEqualTo("\"bdbd4a29bb2a3cdc999762f6873e2c22\"");
    assertThat(h.json("crypto.sha1", m)).isEqualTo("\"1c99d336d049e884c5c8479490a5954837859570\"");
    assertThat(h.json("crypto.sha256", m))
        .isEqualTo("\"4111d8241385da75bfc483166144ecbdf522f3dfac31d5d23452e063409ef6c0\"");
    assertThat(h.json("crypto.hmac.md5", m, k)).isEqualTo("\"57c1c50f3c0704af00aa1e9393688154\"");
    assertThat(h.json("crypto.hmac.sha1", m, k))
        .isEqualTo("\"b238d4864d5dff70f0b0bf9699a4d4cb44e442c1\"");
    assertThat(h.json("crypto.hmac.sha256", m, k))
        .isEqualTo("\"5245eb42fdbec1584c3f81e88fc95bc31a456fad2ac15e161a3cd34768a90e60\"");
    assertThat(h.json("crypto.hmac.sha512", m, k)).startsWith("\"b8fbebb0f2e7943f");
    assertThat(h.json("crypto.hmac.sha256", quoted("ünï"), quoted("")))
        .isEqualTo("\"ee8c8ec12d6ae4367c04cfa719d47b149061583cf307ae7ac8aab74224e2304a\"");
    assertThat(h.json("crypto.hmac.equal", quoted("abc"), quoted("abc"))).isEqualTo("true");
    assertThat(h.json("crypto.hmac.equal", quoted("abc"), quoted("abd"))).isEqualTo("false");
    assertThat(h.json("crypto.hmac.equal", quoted("abc"), quoted("ab"))).isEqualTo("false");
    h.failure("crypto.sha256", "1").hasMessage("operand 1 must be string but got number");
  }

  @Test
  void parsesCertificatesInEveryAcceptedEncoding() throws Exception {
    String pem = chain.inOpaOrder();
    Value fromPem = h.call("crypto.x509.parse_certificates", quoted(pem));
    Value fromB64Pem = h.call("crypto.x509.parse_certificates", quoted(b64(pem)));
    String der = Base64.getEncoder().encodeToString(PemBlock.decode(chain.leafPem()).bytes());
    Value fromDer = h.call("crypto.x509.parse_certificates", quoted(der));
    assertThat(fromB64Pem).isEqualTo(fromPem);
    assertThat(((ArrayValue) fromPem).size()).isEqualTo(3);
    assertThat(at(fromDer, 0)).isEqualTo(at(fromPem, 2));
    Value leaf = at(fromPem, 2);
    assertThat(at(leaf, "Subject", "CommonName").toJson()).isEqualTo("\"peer.mesh.test\"");
    assertThat(at(leaf, "Subject", "Organization").toJson()).isEqualTo("[\"Meshward Test\"]");
    assertThat(at(leaf, "Subject", "Country").toJson()).isEqualTo("[\"NL\"]");
    assertThat(at(leaf, "Subject", "Locality").toJson()).isEqualTo("null");
    assertThat(at(leaf, "Subject", "Names", 0, "Type").toJson()).isEqualTo("[2,5,4,3]");
    assertThat(at(leaf, "Issuer", "CommonName").toJson()).isEqualTo("\"Test Intermediate\"");
    assertThat(at(leaf, "DNSNames").toJson()).isEqualTo("[\"peer.mesh.test\"]");
    assertThat(at(leaf, "URIStrings").toJson()).isEqualTo("[\"spiffe://mesh.test/peer/7\"]");
    assertThat(at(leaf, "URIs", 0, "Scheme").toJson()).isEqualTo("\"spiffe\"");
    assertThat(at(leaf, "URIs", 0, "Host").toJson()).isEqualTo("\"mesh.test\"");
    assertThat(at(leaf, "SerialNumber").toJson()).isEqualTo("4242");
    assertThat(at(leaf, "Version").toJson()).isEqualTo("3");
    assertThat(at(leaf, "IsCA").toJson()).isEqualTo("false");
    assertThat(at(leaf, "BasicConstraintsValid").toJson()).isEqualTo("true");
    assertThat(at(leaf, "MaxPathLen").toJson()).isEqualTo("-1");
    assertThat(at(leaf, "KeyUsage").toJson()).isEqualTo("1");
    assertThat(at(leaf, "ExtKeyUsage").toJson()).isEqualTo("[1]");
    assertThat(at(leaf, "SignatureAlgorithm").toJson()).isEqualTo("10");
    assertThat(at(leaf, "PublicKeyAlgorithm").toJson()).isEqualTo("3");
    assertThat(at(leaf, "NotBefore").toJson()).isEqualTo("\"2024-03-01T11:00:00Z\"");
    assertThat(at(leaf, "Raw").toJson()).isEqualTo("\"" + der + "\"");
    assertThat(at(leaf, "PublicKey", "Curve").toJson()).isEqualTo("{}");
    Value inter = at(fromPem, 1);
    assertThat(at(inter, "IsCA").toJson()).isEqualTo("true");
    assertThat(at(inter, "MaxPathLen").toJson()).isEqualTo("0");
    assertThat(at(inter, "MaxPathLenZero").toJson()).isEqualTo("true");
    assertThat(at(inter, "KeyUsage").toJson()).isEqualTo("96");
    assertThat(at(inter, "URIStrings").toJson()).isEqualTo("null");
  }

  @Test
  void rsaPublicKeysAreModulusAndExponent() throws Exception {
    KeyPair kp = TestPki.rsa(2048);
    var cert = TestPki.issue(TestPki.Spec.ca("rsa"), kp.getPublic(), "rsa", kp.getPrivate());
    Value c =
        at(
            h.call(
                "crypto.x509.parse_certificates",
                quoted(TestPki.pem("CERTIFICATE", cert.getEncoded()))),
            0);
    var pub = (java.security.interfaces.RSAPublicKey) kp.getPublic();
    assertThat(at(c, "PublicKey", "N").toJson()).isEqualTo(pub.getModulus().toString());
    assertThat(at(c, "PublicKey", "E").toJson()).isEqualTo("65537");
    assertThat(at(c, "SignatureAlgorithm").toJson()).isEqualTo("4");
  }

  @Test
  void badCertificateInputFailsClearly() throws Exception {
    h.failure("crypto.x509.parse_certificates", quoted("not base64!"))
        .hasMessage("illegal base64 data at input byte 3");
    h.failure("crypto.x509.parse_certificates", quoted(b64("just some bytes")))
        .hasMessage("x509: malformed certificate");
    h.failure(
            "crypto.x509.parse_certificates",
            quoted(TestPki.pem("PUBLIC KEY", new byte[] {1, 2, 3})))
        .hasMessage("PEM block type is 'PUBLIC KEY', expected CERTIFICATE");
  }

  @Test
  void verifiesChainsFromRootToLeaf() throws Exception {
    long at = TestPki.NOW.getEpochSecond() * 1_000_000_000L;
    String opts = "{\"CurrentTime\": " + at + "}";
    Value ok =
        h.call(
            "crypto.x509.parse_and_verify_certificates_with_options",
            quoted(chain.inOpaOrder()),
            opts);
    assertThat(at(ok, 0).toJson()).isEqualTo("true");
    assertThat(at(ok, 1, 0, "Subject", "CommonName").toJson()).isEqualTo("\"peer.mesh.test\"");
    assertThat(at(ok, 1, 2, "Subject", "CommonName").toJson()).isEqualTo("\"Test Root\"");
    // the default verification uses the real clock; these certificates are valid only around NOW
    assertThat(h.json("crypto.x509.parse_and_verify_certificates", quoted(chain.inOpaOrder())))
        .isEqualTo("[false,[]]");
    // wrong order, missing intermediate, lone certificate
    String reversed = chain.leafPem() + chain.intermediatePem() + chain.rootPem();
    assertThat(
            h.json(
                "crypto.x509.parse_and_verify_certificates_with_options", quoted(reversed), opts))
        .isEqualTo("[false,[]]");
    assertThat(
            h.json(
                "crypto.x509.parse_and_verify_certificates_with_options",
                quoted(chain.rootPem() + chain.leafPem()),
                opts))
        .isEqualTo("[false,[]]");
    assertThat(
            h.json(
                "crypto.x509.parse_and_verify_certificates_with_options",
                quoted(chain.leafPem()),
                opts))
        .isEqualTo("[false,[]]");
    assertThat(h.json("crypto.x509.parse_and_verify_certificates", quoted("garbage")))
        .isEqualTo("[false,[]]");
  }

  @Test
  void verificationOptions() throws Exception {
    long at = TestPki.NOW.getEpochSecond() * 1_000_000_000L;
    String certs = quoted(chain.inOpaOrder());
    String fn = "crypto.x509.parse_and_verify_certificates_with_options";
    assertThat(
            at(
                    h.call(
                        fn,
                        certs,
                        "{\"CurrentTime\": " + at + ", \"DNSName\": \"peer.mesh.test\"}"),
                    0)
                .toJson())
        .isEqualTo("true");
    assertThat(
            at(h.call(fn, certs, "{\"CurrentTime\": " + at + ", \"DNSName\": \"other.test\"}"), 0)
                .toJson())
        .isEqualTo("false");
    assertThat(
            at(
                    h.call(
                        fn,
                        certs,
                        "{\"CurrentTime\": " + at + ", \"KeyUsages\": [\"KeyUsageClientAuth\"]}"),
                    0)
                .toJson())
        .isEqualTo("false");
    assertThat(
            at(
                    h.call(
                        fn,
                        certs,
                        "{\"CurrentTime\": " + at + ", \"KeyUsages\": [\"KeyUsageAny\"]}"),
                    0)
                .toJson())
        .isEqualTo("true");
    long later = at + 400L * 86400 * 1_000_000_000L;
    assertThat(at(h.call(fn, certs, "{\"CurrentTime\": " + later + "}"), 0).toJson())
        .isEqualTo("false");
    h.failure(fn, certs, "{\"KeyUsages\": [\"KeyUsageTeleport\"]}")
        .hasMessage("invalid entries for 'KeyUsages' found: [KeyUsageTeleport]");
    h.failure(fn, certs, "{\"DNSName\": 7}").hasMessage("'DNSName' should be a string");
    h.failure(fn, certs, "{\"Colour\": 7}").hasMessage("invalid key option");
  }

  @Test
  void clientAuthLeafNeedsClientAuthUsage() throws Exception {
    var clientChain =
        TestPki.chain(TestPki.Spec.leaf("agent").withEku(KeyPurposeId.id_kp_clientAuth));
    long at = TestPki.NOW.getEpochSecond() * 1_000_000_000L;
    String fn = "crypto.x509.parse_and_verify_certificates_with_options";
    assertThat(
            at(h.call(fn, quoted(clientChain.inOpaOrder()), "{\"CurrentTime\": " + at + "}"), 0)
                .toJson())
        .isEqualTo("false");
    assertThat(
            at(
                    h.call(
                        fn,
                        quoted(clientChain.inOpaOrder()),
                        "{\"CurrentTime\": " + at + ", \"KeyUsages\": [\"KeyUsageClientAuth\"]}"),
                    0)
                .toJson())
        .isEqualTo("true");
  }

  @Test
  void parsesCertificateRequests() throws Exception {
    String csr = TestPki.csr("agent-9.mesh.test", TestPki.rsa(2048), "agent-9.mesh.test");
    Value fromPem = h.call("crypto.x509.parse_certificate_request", quoted(csr));
    assertThat(at(fromPem, "Subject", "CommonName").toJson()).isEqualTo("\"agent-9.mesh.test\"");
    assertThat(at(fromPem, "DNSNames").toJson()).isEqualTo("[\"agent-9.mesh.test\"]");
    assertThat(at(fromPem, "PublicKeyAlgorithm").toJson()).isEqualTo("1");
    assertThat(h.call("crypto.x509.parse_certificate_request", quoted(b64(csr))))
        .isEqualTo(fromPem);
    String der = Base64.getEncoder().encodeToString(PemBlock.decode(csr).bytes());
    assertThat(h.call("crypto.x509.parse_certificate_request", quoted(der))).isEqualTo(fromPem);
    h.failure("crypto.x509.parse_certificate_request", quoted("nope!"))
        .hasMessageStartingWith("illegal base64 data at input byte");
    h.failure("crypto.x509.parse_certificate_request", quoted(b64(chain.leafPem())))
        .hasMessage("invalid PEM-encoded certificate signing request");
  }

  @Test
  void parsesRsaPrivateKeysAsJwk() throws Exception {
    KeyPair kp = TestPki.rsa(2048);
    var priv = (java.security.interfaces.RSAPrivateCrtKey) kp.getPrivate();
    String pkcs8 = TestPki.pem("PRIVATE KEY", priv.getEncoded());
    Value jwk = h.call("crypto.x509.parse_rsa_private_key", quoted(pkcs8));
    assertThat(at(jwk, "kty").toJson()).isEqualTo("\"RSA\"");
    assertThat(at(jwk, "e").toJson()).isEqualTo("\"AQAB\"");
    assertThat(
            new java.math.BigInteger(
                1,
                Base64.getUrlDecoder()
                    .decode(((io.meshward.policy.value.StringValue) at(jwk, "n")).value())))
        .isEqualTo(priv.getModulus());
    assertThat(((ObjectValue) jwk).keys()).hasSize(9);
    String pkcs1 =
        TestPki.pem(
            "RSA PRIVATE KEY",
            org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(priv.getEncoded())
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded());
    assertThat(h.call("crypto.x509.parse_rsa_private_key", quoted(b64(pkcs1)))).isEqualTo(jwk);
    h.failure("crypto.x509.parse_rsa_private_key", quoted("invalid"))
        .hasMessageStartingWith("illegal base64");
    h.failure("crypto.x509.parse_rsa_private_key", quoted(b64("no pem here")))
        .hasMessage("failed to parse PEM block containing the key");
  }

  @Test
  void parsesPrivateKeysOfEachKind() throws Exception {
    KeyPair rsa = TestPki.rsa(2048);
    KeyPair ec = TestPki.ec("secp384r1");
    KeyPair ed = TestPki.ed25519();
    String pem =
        TestPki.pem("PRIVATE KEY", rsa.getPrivate().getEncoded())
            + TestPki.pem("PRIVATE KEY", ec.getPrivate().getEncoded())
            + TestPki.pem("PRIVATE KEY", ed.getPrivate().getEncoded());
    Value keys = h.call("crypto.parse_private_keys", quoted(pem));
    assertThat(((ArrayValue) keys).size()).isEqualTo(3);
    assertThat(at(keys, 0, "E").toJson()).isEqualTo("65537");
    assertThat(at(keys, 0, "Primes").toJson()).startsWith("[");
    var ecPub = (java.security.interfaces.ECPublicKey) ec.getPublic();
    assertThat(at(keys, 1, "X").toJson()).isEqualTo(ecPub.getW().getAffineX().toString());
    assertThat(at(keys, 1, "Y").toJson()).isEqualTo(ecPub.getW().getAffineY().toString());
    assertThat(
            Base64.getDecoder()
                .decode(((io.meshward.policy.value.StringValue) at(keys, 2)).value()))
        .hasSize(64);
    assertThat(h.call("crypto.parse_private_keys", quoted(b64(pem)))).isEqualTo(keys);
    assertThat(h.json("crypto.parse_private_keys", quoted("nothing"))).isEqualTo("[]");
    assertThat(h.json("crypto.parse_private_keys", quoted(""))).isEqualTo("null");
  }

  @Test
  void parsesKeyPairs() throws Exception {
    String key = TestPki.pem("PRIVATE KEY", chain.leafKey().getPrivate().getEncoded());
    Value pair = h.call("crypto.x509.parse_keypair", quoted(chain.leafPem()), quoted(key));
    String der = Base64.getEncoder().encodeToString(PemBlock.decode(chain.leafPem()).bytes());
    assertThat(at(pair, "Certificate").toJson()).isEqualTo("[\"" + der + "\"]");
    assertThat(at(pair, "Leaf", "Subject", "CommonName").toJson()).isEqualTo("\"peer.mesh.test\"");
    assertThat(h.call("crypto.x509.parse_keypair", quoted(b64(chain.leafPem())), quoted(b64(key))))
        .isEqualTo(pair);
    String otherKey = TestPki.pem("PRIVATE KEY", TestPki.ec("secp256r1").getPrivate().getEncoded());
    h.failure("crypto.x509.parse_keypair", quoted(chain.leafPem()), quoted(otherKey))
        .hasMessage("tls: private key does not match public key");
  }
}
