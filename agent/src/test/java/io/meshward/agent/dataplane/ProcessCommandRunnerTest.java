package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {

  private final ProcessCommandRunner runner = ProcessCommandRunner.direct();

  @Test
  void capturesOutputExitCodeAndStandardInput() {
    CommandResult result =
        runner.run(
            List.of("sh", "-c", "cat; echo \"$GREETING\"; echo oops >&2; exit 3"),
            Map.of("GREETING", "hello"),
            "secret\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("secret\nhello\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
    assertThatThrownBy(result::requireSuccess)
        .isInstanceOf(DataPlaneException.class)
        .hasMessageContaining("failed with exit code 3: oops");
  }

  @Test
  void aMissingToolSaysWhichPackageToInstall() {
    assertThatThrownBy(() -> runner.run("meshward-no-such-tool", "--version"))
        .isInstanceOf(DataPlaneException.class)
        .hasMessage("meshward-no-such-tool not found: install it or add it to PATH");
    assertThat(RequiredTool.WIREGUARD_GO.missingMessage())
        .isEqualTo("wireguard-go not found: install the wireguard-go package");
  }

  @Test
  void namespaceNamesAreChecked() {
    assertThatThrownBy(() -> ProcessCommandRunner.inNamespace("a b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
