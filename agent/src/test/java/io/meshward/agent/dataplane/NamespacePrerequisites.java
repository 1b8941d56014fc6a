package io.meshward.agent.dataplane;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the network-namespace tests need: root, TUN and the tools. Missing pieces skip the tests on
 * a developer's machine, but fail them in CI ({@code CI=true}), where they must run.
 */
final class NamespacePrerequisites {

  private static final Map<String, String> TOOLS =
      Map.of(
          "ip", "iproute2",
          "wireguard-go", "wireguard-go",
          "wg", "wireguard-tools",
          "nft", "nftables",
          "ping", "iputils-ping",
          "nc", "netcat-openbsd");

  private NamespacePrerequisites() {}

  static List<String> missing() {
    List<String> missing = new ArrayList<>();
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      missing.add("root (running as " + user + "; use sudo ./mvnw -pl agent verify)");
    }
    if (!Files.exists(Path.of("/dev/net/tun"))) {
      missing.add("/dev/net/tun (the tun kernel module)");
    }
    TOOLS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(tool -> RequiredTool.locate(tool.getKey()).isEmpty())
        .forEach(
            tool -> missing.add(tool.getKey() + " (install the " + tool.getValue() + " package)"));
    return missing;
  }

  /** Skips, or in CI fails, the calling test when anything is missing. */
  static void require() {
    List<String> missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "network-namespace tests need: "
            + String.join(", ", missing)
            + " (.ci/install-packages installs the tools)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    abort(message);
  }
}
