package io.meshward.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Value;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkValuesTest {

  @Test
  void coordinatorAddresses() {
    assertThat(CoordinatorAddress.parse("coord.example.com:8443"))
        .isEqualTo(new CoordinatorAddress("coord.example.com", 8443));
    assertThat(CoordinatorAddress.parse("[::1]:9000").target()).isEqualTo("[::1]:9000");
    assertThatThrownBy(() -> CoordinatorAddress.parse("coord.example.com"))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> CoordinatorAddress.parse("h:70000")).hasMessageContaining("65535");
  }

  @Test
  void fingerprintsAcceptOpensslOutput() {
    String hex = "ab".repeat(32);
    CaFingerprint expected = new CaFingerprint(hex);
    assertThat(CaFingerprint.parse(hex.toUpperCase())).isEqualTo(expected);
    assertThat(CaFingerprint.parse("sha256 Fingerprint=" + expected.display())).isEqualTo(expected);
    assertThat(CaFingerprint.parse("SHA256:" + hex)).isEqualTo(expected);
    assertThatThrownBy(() -> CaFingerprint.parse("abcd")).hasMessageContaining("64 hex digits");
  }

  @Test
  void factsBecomeAStruct() {
    var struct =
        FactsStruct.toStruct(
            Map.of(
                "os.version",
                "12",
                "disk.volumes",
                List.of(Map.of("mount", "/", "encrypted", true)),
                "count",
                3));

    assertThat(struct.getFieldsOrThrow("os.version").getStringValue()).isEqualTo("12");
    assertThat(struct.getFieldsOrThrow("count").getNumberValue()).isEqualTo(3.0);
    Value volume = struct.getFieldsOrThrow("disk.volumes").getListValue().getValues(0);
    assertThat(volume.getStructValue().getFieldsOrThrow("encrypted").getBoolValue()).isTrue();
  }

  @Test
  void errorsSayWhatToDo() {
    CoordinatorAddress address = new CoordinatorAddress("coord", 8443);

    assertThat(
            FailureClassifier.enrolment(
                Status.PERMISSION_DENIED.withDescription("setup key expired").asRuntimeException(),
                address))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(LinkFailure.Kind.SETUP_KEY_REJECTED))
        .hasMessageContaining("setup key expired")
        .hasMessageContaining("new one");
    assertThat(
            FailureClassifier.enrolment(
                Status.UNAVAILABLE.withDescription("io exception").asRuntimeException(), address))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(LinkFailure.Kind.UNREACHABLE))
        .hasMessageContaining("coord:8443")
        .hasMessageContaining("check --coordinator and that the coordinator is running");
    assertThat(
            FailureClassifier.isRevocation(
                Status.UNAUTHENTICATED.withDescription("peer deleted").asRuntimeException()))
        .isTrue();
    assertThat(FailureClassifier.isRevocation(Status.UNAVAILABLE.asRuntimeException())).isFalse();
    assertThat(
            FailureClassifier.enrolment(
                Status.RESOURCE_EXHAUSTED
                    .withDescription("address range full")
                    .asRuntimeException(),
                address))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(LinkFailure.Kind.ENROLMENT_REJECTED));
    assertThat(
            FailureClassifier.revoked(
                Status.PERMISSION_DENIED.withDescription("device revoked").asRuntimeException(),
                java.nio.file.Path.of("/var/lib/meshward-agent")))
        .hasMessageContaining("removed from the mesh")
        .hasMessageContaining("after deleting /var/lib/meshward-agent");
  }
}
