package io.meshward.agent.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ProcParsersTest {

  @Test
  void mountInfoReadsOptionalFieldsAndEscapes() {
    var mounts =
        ProcParsers.mountInfo(
            "70 28 8:17 / /media/a\\040b rw,nosuid shared:300 master:2 - vfat /dev/sdb1 rw\n"
                + "garbage line\n"
                + "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n");

    assertThat(mounts)
        .containsExactly(
            new MountEntry("8:17", "/", "/media/a b", "vfat", "/dev/sdb1"),
            new MountEntry("254:0", "/", "/", "ext4", "/dev/vda"));
  }

  @Test
  void osReleaseUnquotesValuesAndSkipsComments() throws Exception {
    var release =
        ProcParsers.osRelease(Files.readString(LinuxVolumesTest.resource("os-release-ubuntu.txt")));

    assertThat(release)
        .containsEntry("ID", "ubuntu")
        .containsEntry("VERSION_ID", "22.04")
        .containsEntry("VERSION_CODENAME", "jammy")
        .doesNotContainKey("# comment line");
  }

  @Test
  void swapsSkipsTheHeader() {
    var swaps =
        ProcParsers.swaps(
            "Filename\tType\tSize\tUsed\tPriority\n/dev/dm-2 partition 8388604 0 -2\n/swapfile file 1 0 -3\n");

    assertThat(swaps)
        .containsExactly(new SwapEntry("/dev/dm-2", true), new SwapEntry("/swapfile", false));
  }
}
