package io.meshward.relay;

import static io.meshward.relay.testing.FakeCoordinator.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.meshward.relay.testing.AgentClient;
import io.meshward.relay.testing.Eventually;
import io.meshward.relay.testing.FakeCoordinator;
import io.meshward.relay.testing.SelfSignedCertificate;
import io.meshward.relay.testing.TestRelays;
import io.meshward.relay.wire.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay subscribes over TLS, trusting only the CA it was given. */
class RelayCoordinatorTlsTest {

  @TempDir Path dir;

  @Test
  void subscribesOverTlsWithTheGivenCaAndRefusesAnUnknownOne() throws Exception {
    SelfSignedCertificate coordinatorCert = SelfSignedCertificate.create(dir, "coordinator");
    SelfSignedCertificate otherCa = SelfSignedCertificate.create(dir, "other");
    try (var coordinator =
        FakeCoordinator.start(
            0,
            TlsServerCredentials.create(
                coordinatorCert.certificate().toFile(), coordinatorCert.privateKey().toFile()))) {
      coordinator.publish(
          snapshot(5).pair("a", "b").credential("a", "sa").credential("b", "sb").build());
      RelaySettings base = TestRelays.settings(coordinator.target());

      try (var trusting =
          Relay.start(
              withCa(
                  base,
                  TlsChannelCredentials.newBuilder()
                      .trustManager(coordinatorCert.certificate().toFile())
                      .build()))) {
        Eventually.until("snapshot over TLS", () -> trusting.snapshotSerial() == 5);
      }

      try (var distrusting =
          Relay.start(
              withCa(
                  base,
                  TlsChannelCredentials.newBuilder()
                      .trustManager(otherCa.certificate().toFile())
                      .build()))) {
        Eventually.until(
            "TLS handshake refused", () -> distrusting.metrics().coordinatorStreamsLost() >= 1);
        try (var a = AgentClient.connect(distrusting.address())) {
          assertThat(a.hello("a", "sa").errorCode()).isEqualTo(ErrorCode.NOT_READY.code());
        }
        assertThat(distrusting.snapshotSerial()).isEqualTo(-1);
      }
    }
  }

  private static RelaySettings withCa(RelaySettings s, io.grpc.ChannelCredentials credentials) {
    return new RelaySettings(
        s.listen(),
        s.coordinatorTarget(),
        credentials,
        s.relayId(),
        s.relayToken(),
        s.maxStale(),
        s.helloTimeout(),
        s.idleTimeout(),
        s.framesPerSecond(),
        s.frameBurst(),
        null,
        1);
  }
}
