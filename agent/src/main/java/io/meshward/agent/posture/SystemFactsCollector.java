package io.meshward.agent.posture;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import oshi.PlatformEnum;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/** Collects the real device's facts: OSHI for the OS, the JDK for addresses, probes for disks. */
public final class SystemFactsCollector implements FactsCollector {

  private final PlatformEnum platform = SystemInfo.getCurrentPlatform();
  private final OperatingSystem os = new SystemInfo().getOperatingSystem();
  private final DiskEncryptionProbe disks;

  public SystemFactsCollector() {
    this.disks =
        switch (platform) {
          case WINDOWS -> new BitLockerProbe();
          case MACOS -> new FileVaultProbe();
          default -> new LinuxDiskEncryptionProbe();
        };
  }

  @Override
  public Map<String, Object> collect() {
    Map<String, Object> facts = new TreeMap<>();
    facts.put(FactNames.OS_PLATFORM, platformName(platform));
    facts.put(FactNames.AGENT_VERSION, AgentVersion.current());
    facts.put(FactNames.HOST_NAME, hostname());
    facts.put(FactNames.NET_ADDRESSES, addresses());
    switch (platform) {
      case LINUX, ANDROID -> linux(facts);
      case WINDOWS -> windows(facts);
      default -> {
        facts.put(FactNames.OS_VERSION, os.getVersionInfo().getVersion());
        facts.put(FactNames.OS_KERNEL, os.getVersionInfo().getBuildNumber());
      }
    }
    List<Object> volumes = new ArrayList<>();
    for (DiskVolume volume : disks.volumes()) {
      volumes.add(volume.toFact());
    }
    facts.put(FactNames.DISK_VOLUMES, volumes);
    facts.values().removeIf(value -> value == null);
    return facts;
  }

  static String platformName(PlatformEnum platform) {
    return switch (platform) {
      case WINDOWS, WINDOWSCE -> "windows";
      case MACOS -> "macos";
      case ANDROID -> "android";
      case LINUX -> "linux";
      default -> platform.name().toLowerCase(Locale.ROOT);
    };
  }

  private void linux(Map<String, Object> facts) {
    Map<String, String> release =
        ProcParsers.osRelease(read(Path.of("/etc/os-release")).orElse(""));
    facts.put(FactNames.OS_DISTRIBUTION, release.get("ID"));
    facts.put(
        FactNames.OS_VERSION,
        Optional.ofNullable(release.get("VERSION_ID"))
            .or(() -> Optional.ofNullable(release.get("BUILD_ID")))
            .orElse(os.getVersionInfo().getVersion()));
    facts.put(
        FactNames.OS_KERNEL,
        read(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")));
  }

  /** "10.0.22631": major.minor from the JDK, the build number from OSHI. */
  private void windows(Map<String, Object> facts) {
    String build = os.getVersionInfo().getBuildNumber();
    String base = System.getProperty("os.version");
    facts.put(FactNames.OS_VERSION, build == null || build.isBlank() ? base : base + "." + build);
    facts.put(FactNames.OS_KERNEL, build);
  }

  private String hostname() {
    String name = os.getNetworkParams().getHostName();
    if (name != null && !name.isBlank()) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /** Addresses on interfaces that are up, loopback excluded, sorted so changes are detectable. */
  public static List<String> addresses() {
    TreeSet<String> addresses = new TreeSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          String text = address.getHostAddress();
          int scope = text.indexOf('%');
          addresses.add(scope < 0 ? text : text.substring(0, scope));
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return List.copyOf(addresses);
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.isReadable(file)
          ? Optional.of(Files.readString(file).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
