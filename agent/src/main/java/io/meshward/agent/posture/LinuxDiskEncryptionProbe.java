package io.meshward.agent.posture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Linux: sysfs block tree + {@code /proc/self/mountinfo} + {@code /proc/swaps}. */
public final class LinuxDiskEncryptionProbe implements DiskEncryptionProbe {

  private final Path sysClassBlock;
  private final Path mountInfo;
  private final Path swaps;

  public LinuxDiskEncryptionProbe() {
    this(Path.of("/sys/class/block"), Path.of("/proc/self/mountinfo"), Path.of("/proc/swaps"));
  }

  public LinuxDiskEncryptionProbe(Path sysClassBlock, Path mountInfo, Path swaps) {
    this.sysClassBlock = sysClassBlock;
    this.mountInfo = mountInfo;
    this.swaps = swaps;
  }

  @Override
  public List<DiskVolume> volumes() {
    LinuxVolumes volumes = new LinuxVolumes(new SysfsBlockDevices(sysClassBlock).read());
    return volumes.volumes(
        ProcParsers.mountInfo(readOrEmpty(mountInfo)), ProcParsers.swaps(readOrEmpty(swaps)));
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.isReadable(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
