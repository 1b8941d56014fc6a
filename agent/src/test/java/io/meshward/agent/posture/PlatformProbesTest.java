package io.meshward.agent.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PlatformProbesTest {

  @Test
  void bitLockerCountsOnlyFullyEncryptedAndProtectedVolumes() throws Exception {
    var volumes =
        BitLockerProbe.parse(Files.readString(LinuxVolumesTest.resource("manage-bde-status.txt")));

    assertThat(volumes)
        .containsExactly(
            new DiskVolume("C:", "C:", true, true, "bitlocker"),
            new DiskVolume("D:", "D:", false, false, "none"),
            new DiskVolume("E:", "E:", false, false, "none"));
  }

  @Test
  void fileVaultOnOffAndInProgress() {
    assertThat(FileVaultProbe.parse("FileVault is On.\n"))
        .containsExactly(new DiskVolume("/", "/", true, true, "filevault"));
    assertThat(FileVaultProbe.parse("FileVault is Off.\n"))
        .containsExactly(new DiskVolume("/", "/", true, false, "none"));
    assertThat(
            FileVaultProbe.parse(
                "FileVault is On.\nEncryption in progress: Percent completed = 40\n"))
        .containsExactly(new DiskVolume("/", "/", true, false, "none"));
    assertThat(FileVaultProbe.parse("fdesetup: command not found")).isEmpty();
  }
}
