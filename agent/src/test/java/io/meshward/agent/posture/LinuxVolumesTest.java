package io.meshward.agent.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop with LUKS2 under LVM (root, home, swap), a plain /boot, a USB stick, and a backup disk
 * with plain dm-crypt; the sysfs tree and procfs text follow what such a machine shows.
 */
class LinuxVolumesTest {

  @TempDir Path sys;

  @Test
  void findsWhichMountsSitOnDmCrypt() throws IOException {
    writeSysfs(sys);
    var probe =
        new LinuxDiskEncryptionProbe(
            sys, resource("mountinfo-luks-lvm.txt"), resource("swaps-luks-lvm.txt"));

    List<DiskVolume> volumes = probe.volumes();

    assertThat(volumes)
        .containsExactly(
            new DiskVolume("/", "/dev/mapper/vg0-root", true, true, "luks2"),
            new DiskVolume("/boot", "/dev/nvme0n1p2", true, false, "none"),
            new DiskVolume("/boot/efi", "/dev/nvme0n1p1", false, false, "none"),
            new DiskVolume("/home", "/dev/mapper/vg0-home", true, true, "luks2"),
            new DiskVolume("/media/alice/USB STICK", "/dev/sdb1", false, false, "none"),
            new DiskVolume("/srv/backup", "/dev/mapper/backup", false, true, "dm-crypt"),
            new DiskVolume("swap", "/dev/dm-2", true, true, "luks2"));
  }

  @Test
  void aStackIsEncryptedOnlyWhenEveryLegIs() {
    LinuxVolumes volumes =
        new LinuxVolumes(
            List.of(
                device("sda1", "8:1", null, null),
                device("sdb1", "8:17", null, null),
                device("dm-0", "254:0", "crypt-a", "CRYPT-LUKS1-aaaa-crypt-a"),
                device("dm-1", "254:1", "vg-lv", "LVM-xyz", "dm-0", "sdb1"),
                device("dm-2", "254:2", "vg-ok", "LVM-abc", "dm-0")));

    assertThat(volumes.method("dm-1", new java.util.HashSet<>())).isEqualTo("none");
    assertThat(volumes.method("dm-2", new java.util.HashSet<>())).isEqualTo("luks1");
  }

  @Test
  void containerRootOnOverlayHasNoVolumes() {
    String mountinfo =
        "600 500 0:50 / / rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w\n"
            + "601 600 8:1 /var/lib/docker/containers/x/hosts /etc/hosts rw - ext4 /dev/sda1 rw\n";
    LinuxVolumes volumes = new LinuxVolumes(List.of(device("sda1", "8:1", null, null)));

    assertThat(volumes.volumes(ProcParsers.mountInfo(mountinfo), List.of())).isEmpty();
  }

  @Test
  void btrfsSubvolumeRootIsFoundThroughItsSource() {
    String mountinfo = "30 1 0:27 /@ / rw,relatime - btrfs /dev/mapper/luks-1 rw,subvol=/@\n";
    LinuxVolumes volumes =
        new LinuxVolumes(
            List.of(
                device("nvme0n1p3", "259:3", null, null),
                device("dm-0", "254:0", "luks-1", "CRYPT-LUKS2-1234-luks-1", "nvme0n1p3")));

    assertThat(volumes.volumes(ProcParsers.mountInfo(mountinfo), List.of()))
        .containsExactly(new DiskVolume("/", "/dev/mapper/luks-1", true, true, "luks2"));
  }

  @Test
  void aSwapFileIsAsEncryptedAsItsFileSystem() {
    var mounts = ProcParsers.mountInfo("28 1 254:0 / / rw - ext4 /dev/mapper/root rw\n");
    var swaps = ProcParsers.swaps("Filename Type Size Used Priority\n/swap.img file 1 0 -2\n");
    LinuxVolumes volumes =
        new LinuxVolumes(List.of(device("dm-0", "254:0", "root", "CRYPT-PLAIN-root")));

    assertThat(volumes.volumes(mounts, swaps))
        .contains(new DiskVolume("swap", "/swap.img", true, true, "dm-crypt"));
  }

  @Test
  void volumeFactHasTheDocumentedKeys() {
    assertThat(new DiskVolume("/", "/dev/mapper/root", true, true, "luks2").toFact())
        .containsExactly(
            java.util.Map.entry("mount", "/"),
            java.util.Map.entry("device", "/dev/mapper/root"),
            java.util.Map.entry("system", true),
            java.util.Map.entry("encrypted", true),
            java.util.Map.entry("method", "luks2"));
  }

  private static BlockDevice device(
      String name, String dev, String dmName, String dmUuid, String... slaves) {
    return new BlockDevice(
        name, dev, Optional.ofNullable(dmName), Optional.ofNullable(dmUuid), List.of(slaves));
  }

  /** The /sys/class/block entries of the sample machine. */
  private static void writeSysfs(Path sys) throws IOException {
    block(sys, "nvme0n1", "259:0", null, null);
    block(sys, "nvme0n1p1", "259:1", null, null);
    block(sys, "nvme0n1p2", "259:2", null, null);
    block(sys, "nvme0n1p3", "259:3", null, null);
    block(sys, "sdb", "8:16", null, null);
    block(sys, "sdb1", "8:17", null, null);
    block(sys, "sdc", "8:32", null, null);
    block(
        sys,
        "dm-0",
        "254:0",
        "nvme0n1p3_crypt",
        "CRYPT-LUKS2-3f1c0e0f2a8e4b7a9d1e5c6b7a8d9e0f-nvme0n1p3_crypt",
        "nvme0n1p3");
    block(
        sys,
        "dm-1",
        "254:1",
        "vg0-root",
        "LVM-Jx0yWcD2bPq3n4r5s6t7u8v9w0x1y2z3Ab4Cd5Ef6Gh7Ij8Kl9Mn0Op1Qr2St",
        "dm-0");
    block(
        sys,
        "dm-2",
        "254:2",
        "vg0-swap",
        "LVM-Jx0yWcD2bPq3n4r5s6t7u8v9w0x1y2z3Uv4Wx5Yz6Ab7Cd8Ef9Gh0Ij1Kl2Mn",
        "dm-0");
    block(
        sys,
        "dm-3",
        "254:3",
        "vg0-home",
        "LVM-Jx0yWcD2bPq3n4r5s6t7u8v9w0x1y2z3Op4Qr5St6Uv7Wx8Yz9Ab0Cd1Ef2Gh",
        "dm-0");
    block(sys, "dm-4", "254:4", "backup", "CRYPT-PLAIN-backup", "sdc");
    block(sys, "loop0", "7:0", null, null);
  }

  private static void block(
      Path sys, String name, String dev, String dmName, String dmUuid, String... slaves)
      throws IOException {
    Path dir = Files.createDirectories(sys.resolve(name));
    Files.writeString(dir.resolve("dev"), dev + "\n");
    if (dmName != null) {
      Files.createDirectories(dir.resolve("dm"));
      Files.writeString(dir.resolve("dm/name"), dmName + "\n");
      Files.writeString(dir.resolve("dm/uuid"), dmUuid + "\n");
    }
    Files.createDirectories(dir.resolve("slaves"));
    for (String slave : slaves) {
      Files.createFile(dir.resolve("slaves").resolve(slave));
    }
  }

  static Path resource(String name) throws IOException {
    Path file = Files.createTempFile("posture", name);
    try (InputStream in = LinuxVolumesTest.class.getResourceAsStream("/posture/" + name)) {
      Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    file.toFile().deleteOnExit();
    return file;
  }
}
