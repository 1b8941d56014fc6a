package io.meshward.agent.dataplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The programs the Linux data plane runs, with the Debian/Ubuntu package that provides each. */
public enum RequiredTool {
  WIREGUARD_GO("wireguard-go", "wireguard-go"),
  WG("wg", "wireguard-tools"),
  IP("ip", "iproute2"),
  NFT("nft", "nftables");

  private final String command;
  private final String debianPackage;

  RequiredTool(String command, String debianPackage) {
    this.command = command;
    this.debianPackage = debianPackage;
  }

  public String command() {
    return command;
  }

  public String debianPackage() {
    return debianPackage;
  }

  /** The message used when the program is not installed. */
  public String missingMessage() {
    return command + " not found: install the " + debianPackage + " package";
  }

  /** Where the program is on PATH (and the usual sbin directories, which root's PATH has). */
  public Optional<Path> locate() {
    return locate(command);
  }

  static Optional<Path> locate(String command) {
    if (command.contains("/")) {
      Path path = Path.of(command);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "");
    String searched = path + ":/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin";
    for (String directory : searched.split(":")) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The tool for a command name, if it is one of ours. */
  public static Optional<RequiredTool> forCommand(String command) {
    for (RequiredTool tool : values()) {
      if (tool.command.equals(command)) {
        return Optional.of(tool);
      }
    }
    return Optional.empty();
  }
}
