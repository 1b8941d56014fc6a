package io.meshward.agent.posture;

import java.util.List;
import java.util.Optional;

/**
 * A kernel block device as {@code /sys/class/block/<name>} describes it.
 *
 * @param name kernel name, e.g. "sda2" or "dm-0"
 * @param majorMinor the "major:minor" number from {@code dev}
 * @param dmName device-mapper name ({@code dm/name}), e.g. "root" for /dev/mapper/root
 * @param dmUuid device-mapper uuid ({@code dm/uuid}); dm-crypt targets start with "CRYPT-"
 * @param slaves the devices this one is built on ({@code slaves/})
 */
public record BlockDevice(
    String name,
    String majorMinor,
    Optional<String> dmName,
    Optional<String> dmUuid,
    List<String> slaves) {

  public BlockDevice {
    slaves = List.copyOf(slaves);
  }
}
