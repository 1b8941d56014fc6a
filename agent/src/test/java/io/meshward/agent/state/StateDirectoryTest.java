package io.meshward.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

  @TempDir Path temp;

  @Test
  void createsOwnerOnlyDirectoriesAndFiles() throws Exception {
    StateDirectory directory = new StateDirectory(temp.resolve("state"));

    directory.writeString("wg/meshward0.conf", "[Interface]\n");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("state"))))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("state/wg"))))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("state/wg/meshward0.conf"))))
        .isEqualTo("rw-------");
  }

  @Test
  void tightensAnExistingDirectoryThatWasTooOpen() throws Exception {
    Path root = temp.resolve("open");
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

    new StateDirectory(root).ensureDirectory("");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwx------");
  }

  @Test
  void replacesContentWholeAndLeavesNoTemporaryFiles() throws Exception {
    StateDirectory directory = new StateDirectory(temp);
    directory.writeString("status.json", "first");
    directory.writeString("status.json", "second, longer");

    assertThat(directory.readString("status.json")).contains("second, longer");
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("status.json");
    }
  }

  @Test
  void aFailedWriteKeepsTheOldContent() throws Exception {
    StateDirectory directory = new StateDirectory(temp);
    directory.writeString("wg/x.conf", "old");
    // A directory where the file's temp sibling would go cannot be replaced by a file.
    Files.createDirectories(temp.resolve("wg/y.conf/inner"));

    assertThatThrownBy(() -> directory.writeString("wg/y.conf", "new"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("cannot write");
    assertThat(directory.readString("wg/x.conf")).contains("old");
    try (Stream<Path> files = Files.list(temp.resolve("wg"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("x.conf", "y.conf");
    }
  }
}
