package io.meshward.agent.posture;

import java.util.List;

/** macOS: {@code fdesetup status} says whether FileVault protects the startup volume. */
public final class FileVaultProbe implements DiskEncryptionProbe {

  @Override
  public List<DiskVolume> volumes() {
    return SystemCommand.run(List.of("fdesetup", "status"))
        .map(FileVaultProbe::parse)
        .orElse(List.of());
  }

  /** "FileVault is On." means on; "Off", or on but still encrypting/decrypting, does not. */
  public static List<DiskVolume> parse(String output) {
    String text = output.strip();
    if (!text.startsWith("FileVault is")) {
      return List.of();
    }
    boolean on =
        text.startsWith("FileVault is On.")
            && !text.contains("Encryption in progress")
            && !text.contains("Decryption in progress");
    return List.of(new DiskVolume("/", "/", true, on, on ? "filevault" : "none"));
  }
}
