package io.meshward.e2e.netns;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the namespace end-to-end tests need: root, TUN and the tools. Anything missing skips them on
 * a developer's machine and fails them in CI ({@code CI=true}), where they must run.
 */
final class NetnsPrerequisites {

  private static final Map<String, String> TOOLS =
      new TreeMap<>(
          Map.of(
              "ip", "iproute2",
              "wireguard-go", "wireguard-go",
              "wg", "wireguard-tools",
              "nft", "nftables",
              "ping", "iputils-ping",
              "nc", "netcat-openbsd"));

  private NetnsPrerequisites() {}

  static List<String> missing() {
    List<String> missing = new ArrayList<>();
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      missing.add("root (running as " + user + "; run the e2e build with sudo)");
    }
    if (!Files.exists(Path.of("/dev/net/tun"))) {
      missing.add("/dev/net/tun (load the tun kernel module)");
    }
    TOOLS.forEach(
        (tool, pkg) -> {
          if (!onPath(tool)) {
            missing.add(tool + " (install the " + pkg + " package)");
          }
        });
    return missing;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Skips, or in CI fails, the calling test class when anything is missing. */
  static void require() {
    List<String> missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "namespace end-to-end tests need: "
            + String.join(", ", missing)
            + " (.ci/install-packages installs the tools)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    abort(message);
  }
}
