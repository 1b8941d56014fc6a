package io.meshward.agent.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows: parses {@code manage-bde -status} (needs an elevated agent; English output). A volume
 * counts as encrypted only when fully encrypted with protection on: suspended protection leaves the
 * key in clear on the disk.
 */
public final class BitLockerProbe implements DiskEncryptionProbe {

  private static final Pattern VOLUME = Pattern.compile("^Volume ([A-Za-z]:)");
  private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z ]+?):\\s+(.+?)\\s*$");

  @Override
  public List<DiskVolume> volumes() {
    return SystemCommand.run(List.of("manage-bde", "-status"))
        .map(BitLockerProbe::parse)
        .orElse(List.of());
  }

  public static List<DiskVolume> parse(String output) {
    List<DiskVolume> volumes = new ArrayList<>();
    String drive = null;
    boolean system = false;
    String conversion = "";
    String protection = "";
    for (String line : (output + "\nVolume END:").split("\\R")) {
      Matcher volume = VOLUME.matcher(line);
      if (volume.find() || line.startsWith("Volume END:")) {
        if (drive != null) {
          boolean encrypted =
              conversion.equalsIgnoreCase("Fully Encrypted")
                  && protection.equalsIgnoreCase("Protection On");
          volumes.add(
              new DiskVolume(drive, drive, system, encrypted, encrypted ? "bitlocker" : "none"));
        }
        drive = line.startsWith("Volume END:") ? null : volume.group(1).toUpperCase();
        system = false;
        conversion = "";
        protection = "";
        continue;
      }
      if (line.strip().equals("[OS Volume]")) {
        system = true;
      }
      Matcher field = FIELD.matcher(line);
      if (field.matches()) {
        switch (field.group(1)) {
          case "Conversion Status" -> conversion = field.group(2);
          case "Protection Status" -> protection = field.group(2);
          default -> {}
        }
      }
    }
    return volumes;
  }
}
