package io.meshward.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.agent.keys.TlsIdentity;
import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

  @TempDir Path temp;

  @Test
  void savesAndLoadsCredentialsWithOwnerOnlyFiles() throws Exception {
    TestCa ca = new TestCa();
    KeyPair tls = TlsIdentity.generateKeyPair();
    var device = ca.issue(TlsIdentity.certificateRequest(tls, "laptop"), "peer-1");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    DeviceCredentials credentials =
        new DeviceCredentials(
            new Enrolment(
                "peer-1", "laptop", "100.64.0.7/10", "localhost:8443", now, now.plusSeconds(60)),
            WireGuardKeys.generate(),
            tls.getPrivate(),
            device,
            ca.certificate());
    CredentialStore store = new CredentialStore(new StateDirectory(temp));

    assertThat(store.isEnrolled()).isFalse();
    store.save(credentials);

    DeviceCredentials loaded = store.load().orElseThrow();
    assertThat(loaded.enrolment()).isEqualTo(credentials.enrolment());
    assertThat(loaded.wireGuard()).isEqualTo(credentials.wireGuard());
    assertThat(loaded.tlsKey()).isEqualTo(credentials.tlsKey());
    assertThat(loaded.deviceCertificate()).isEqualTo(device);
    assertThat(loaded.caCertificate()).isEqualTo(ca.certificate());
    assertThat(loaded.toString()).doesNotContain(credentials.wireGuard().privateKeyBase64());
    try (Stream<Path> files = Files.list(temp)) {
      for (Path file : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void withoutTheEnrolmentRecordTheDeviceIsNotEnrolled() {
    StateDirectory directory = new StateDirectory(temp);
    directory.writeString("wireguard.key", WireGuardKeys.generate().privateKeyBase64());

    assertThat(new CredentialStore(directory).load()).isEmpty();
  }

  @Test
  void damagedCredentialsSayHowToRecover() {
    StateDirectory directory = new StateDirectory(temp);
    directory.writeString(
        "enrolment.json",
        "{\"peerId\":\"p\",\"meshAddress\":\"100.64.0.2/10\",\"coordinator\":\"h:1\"}");
    directory.writeString("wireguard.key", "broken");

    assertThatThrownBy(() -> new CredentialStore(directory).load())
        .isInstanceOf(StateException.class)
        .hasMessageContaining("delete the directory and enrol again");
  }
}
