package io.meshward.agent.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class TlsIdentityTest {

  @Test
  void csrCarriesThePublicKeyAndIsSignedByThePrivateOne() throws Exception {
    KeyPair pair = TlsIdentity.generateKeyPair();
    assertThat(((ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);

    byte[] der = TlsIdentity.certificateRequest(pair, "laptop-7");

    JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(der);
    assertThat(csr.getPublicKey()).isEqualTo(pair.getPublic());
    assertThat(csr.getSubject().toString()).isEqualTo("CN=laptop-7");
    assertThat(
            new PKCS10CertificationRequest(der)
                .isSignatureValid(new JcaContentVerifierProviderBuilder().build(pair.getPublic())))
        .isTrue();
  }

  @Test
  void pemRoundTripsAKey() {
    KeyPair pair = TlsIdentity.generateKeyPair();
    String pem = Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded());
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Pem.ecPrivateKey(Pem.decode("PRIVATE KEY", pem))).isEqualTo(pair.getPrivate());
  }
}
