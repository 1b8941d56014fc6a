package io.meshward.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first start hands out the admin token through a file, never through the log. */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenBootstrapTest {

  @TempDir Path dataDir;

  @Test
  void theBootstrapTokenWorksAndNeverReachesTheLog(CapturedOutput output) throws Exception {
    String token;
    try (var coordinator = RunningCoordinator.start(TestDatabase.H2, dataDir)) {
      token = coordinator.adminToken();
      assertThat(token).startsWith("mwt_").hasSizeGreaterThan(40);
      assertThat(coordinator.admin().get("/api/v1/peers").status()).isEqualTo(200);
      coordinator.admin().post("/api/v1/tokens", "{\"name\":\"second\"}");
    }
    assertThat(output.getAll()).contains(dataDir.resolve("admin-token").toString());
    assertThat(output.getAll()).doesNotContain(token).doesNotContain(token.substring(4, 20));

    // A restart with data does not create another account or rewrite the file.
    java.nio.file.Files.delete(dataDir.resolve("admin-token"));
    try (var again = RunningCoordinator.startExisting(TestDatabase.H2, dataDir)) {
      assertThat(dataDir.resolve("admin-token")).doesNotExist();
      assertThat(again.rest(token).get("/api/v1/peers").status()).isEqualTo(200);
    }
  }
}
