package io.meshward.plugins.diskencryption;

import io.meshward.plugin.api.FactValue;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of the reported {@code disk.volumes} list.
 *
 * @param mount where it is mounted ({@code /}, {@code C:})
 * @param system whether the operating system lives on it
 * @param encrypted whether the agent found it encrypted
 * @param method how: luks2, luks1, dm-crypt, bitlocker, filevault or none
 */
record Volume(String mount, boolean system, boolean encrypted, String method) {

  /** Reads one list entry; empty with the reason if it does not follow the fact format. */
  static Result read(FactValue value, int index) {
    if (!(value instanceof FactValue.MapValue map)) {
      return Result.bad("disk.volumes[" + index + "] is not a map");
    }
    Optional<String> mount = text(map, "mount");
    if (mount.isEmpty()) {
      return Result.bad("disk.volumes[" + index + "] has no string 'mount'");
    }
    Optional<Boolean> system = bool(map, "system");
    Optional<Boolean> encrypted = bool(map, "encrypted");
    if (system.isEmpty() || encrypted.isEmpty()) {
      return Result.bad(
          "disk.volumes["
              + index
              + "] ("
              + mount.get()
              + ") needs booleans 'system' and 'encrypted'");
    }
    String method = text(map, "method").orElse("none").trim().toLowerCase(Locale.ROOT);
    return new Result(
        Optional.of(new Volume(mount.get(), system.get(), encrypted.get(), method)),
        Optional.empty());
  }

  private static Optional<String> text(FactValue.MapValue map, String key) {
    return map.get(key)
        .filter(FactValue.StringValue.class::isInstance)
        .map(v -> ((FactValue.StringValue) v).value());
  }

  private static Optional<Boolean> bool(FactValue.MapValue map, String key) {
    return map.get(key)
        .filter(FactValue.BooleanValue.class::isInstance)
        .map(v -> ((FactValue.BooleanValue) v).value());
  }

  record Result(Optional<Volume> volume, Optional<String> problem) {
    static Result bad(String problem) {
      return new Result(Optional.empty(), Optional.of(problem));
    }
  }
}
