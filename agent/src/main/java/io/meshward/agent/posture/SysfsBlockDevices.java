package io.meshward.agent.posture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the block-device tree from {@code /sys/class/block} (or a copy of it, in tests). */
public final class SysfsBlockDevices {

  private final Path classBlock;

  public SysfsBlockDevices(Path classBlock) {
    this.classBlock = classBlock;
  }

  public List<BlockDevice> read() {
    List<BlockDevice> devices = new ArrayList<>();
    if (!Files.isDirectory(classBlock)) {
      return devices;
    }
    try (Stream<Path> entries = Files.list(classBlock)) {
      for (Path entry : entries.sorted().toList()) {
        Optional<String> dev = readTrimmed(entry.resolve("dev"));
        if (dev.isEmpty()) {
          continue;
        }
        devices.add(
            new BlockDevice(
                entry.getFileName().toString(),
                dev.get(),
                readTrimmed(entry.resolve("dm/name")),
                readTrimmed(entry.resolve("dm/uuid")),
                slaves(entry.resolve("slaves"))));
      }
    } catch (IOException e) {
      // An unreadable tree yields no volumes: the plugin then sees missing facts and denies.
      return List.of();
    }
    return devices;
  }

  private static List<String> slaves(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Optional<String> readTrimmed(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
