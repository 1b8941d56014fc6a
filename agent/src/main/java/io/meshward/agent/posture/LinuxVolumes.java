package io.meshward.agent.posture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives {@code disk.volumes} on Linux from the block-device tree: a mount is encrypted when the
 * device under it is a dm-crypt target, or is built (LVM, RAID, ...) only from such targets. Pure:
 * the inputs come from sysfs and procfs, or from a test.
 */
public final class LinuxVolumes {

  private static final Set<String> OTHER_BIND_ROOT_ALLOWED = Set.of("btrfs");

  private final Map<String, BlockDevice> byName = new HashMap<>();
  private final Map<String, BlockDevice> byMajorMinor = new HashMap<>();
  private final Map<String, BlockDevice> byMapperName = new HashMap<>();

  public LinuxVolumes(List<BlockDevice> devices) {
    for (BlockDevice device : devices) {
      byName.put(device.name(), device);
      byMajorMinor.put(device.majorMinor(), device);
      device.dmName().ifPresent(name -> byMapperName.put(name, device));
    }
  }

  /** Every block-backed mount (one entry per mount point, the top-most wins) and every swap. */
  public List<DiskVolume> volumes(List<MountEntry> mounts, List<SwapEntry> swaps) {
    Map<String, DiskVolume> byMount = new LinkedHashMap<>();
    for (MountEntry mount : mounts) {
      Optional<BlockDevice> device = deviceOf(mount);
      if (device.isEmpty() || isBindOfSubdirectory(mount)) {
        continue;
      }
      String method = method(device.get().name(), new HashSet<>());
      byMount.remove(mount.mountPoint());
      byMount.put(
          mount.mountPoint(),
          new DiskVolume(
              mount.mountPoint(),
              mount.source(),
              DiskVolume.isSystemMount(mount.mountPoint()),
              !method.equals("none"),
              method));
    }
    List<DiskVolume> volumes = new ArrayList<>(byMount.values());
    for (SwapEntry swap : swaps) {
      String method = swapMethod(swap, mounts);
      volumes.add(new DiskVolume("swap", swap.filename(), true, !method.equals("none"), method));
    }
    return volumes;
  }

  /**
   * "luks2", "luks1", "dm-crypt" for a dm-crypt target (or a stack made only of them), else "none".
   */
  String method(String deviceName, Set<String> visiting) {
    BlockDevice device = byName.get(deviceName);
    if (device == null || !visiting.add(deviceName)) {
      return "none";
    }
    Optional<String> crypt = device.dmUuid().flatMap(LinuxVolumes::cryptMethod);
    if (crypt.isPresent()) {
      return crypt.get();
    }
    if (device.slaves().isEmpty()) {
      return "none";
    }
    Set<String> methods = new HashSet<>();
    for (String slave : device.slaves()) {
      methods.add(method(slave, visiting));
    }
    if (methods.contains("none")) {
      return "none";
    }
    return methods.size() == 1 ? methods.iterator().next() : "dm-crypt";
  }

  static Optional<String> cryptMethod(String dmUuid) {
    if (dmUuid.startsWith("CRYPT-LUKS2-")) {
      return Optional.of("luks2");
    }
    if (dmUuid.startsWith("CRYPT-LUKS1-")) {
      return Optional.of("luks1");
    }
    if (dmUuid.startsWith("CRYPT-")) {
      // CRYPT-PLAIN-, CRYPT-TCRYPT-, CRYPT-BITLK-...: dm-crypt without a LUKS header.
      return Optional.of("dm-crypt");
    }
    return Optional.empty();
  }

  private Optional<BlockDevice> deviceOf(MountEntry mount) {
    BlockDevice device = byMajorMinor.get(mount.majorMinor());
    if (device != null) {
      return Optional.of(device);
    }
    // btrfs and some others report an anonymous 0:N device; the source still names the disk.
    return deviceByPath(mount.source());
  }

  private Optional<BlockDevice> deviceByPath(String path) {
    if (path.startsWith("/dev/mapper/")) {
      return Optional.ofNullable(byMapperName.get(path.substring("/dev/mapper/".length())));
    }
    if (path.startsWith("/dev/")) {
      return Optional.ofNullable(byName.get(path.substring("/dev/".length())));
    }
    return Optional.empty();
  }

  /** A swap file is as encrypted as the file system it lives on. */
  private String swapMethod(SwapEntry swap, List<MountEntry> mounts) {
    if (swap.partition()) {
      return deviceByPath(swap.filename())
          .map(device -> method(device.name(), new HashSet<>()))
          .orElse("none");
    }
    MountEntry best = null;
    for (MountEntry mount : mounts) {
      if (isUnder(swap.filename(), mount.mountPoint())
          && deviceOf(mount).isPresent()
          && (best == null || mount.mountPoint().length() >= best.mountPoint().length())) {
        best = mount;
      }
    }
    return best == null ? "none" : method(deviceOf(best).orElseThrow().name(), new HashSet<>());
  }

  private static boolean isUnder(String path, String mountPoint) {
    return mountPoint.equals("/") || path.equals(mountPoint) || path.startsWith(mountPoint + "/");
  }

  /** Bind mounts of a sub-directory (containers' /etc/hosts and the like) are not volumes. */
  private static boolean isBindOfSubdirectory(MountEntry mount) {
    return !mount.root().equals("/") && !OTHER_BIND_ROOT_ALLOWED.contains(mount.fsType());
  }
}
