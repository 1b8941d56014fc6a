package io.meshward.agent.dataplane;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A {@link PortFilter} as one nftables table per mesh interface ({@code inet meshward_<if>}),
 * loaded with a single {@code nft -f -} transaction. Needs root or CAP_NET_ADMIN.
 */
public final class NftablesPortFilter implements PortFilter {

  private final CommandRunner runner;

  public NftablesPortFilter(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public synchronized void apply(String interfaceName, List<PeerPortRules> peers) {
    String script = NftRuleset.render(interfaceName, peers);
    CommandResult result =
        runner.run(List.of("nft", "-f", "-"), Map.of(), script.getBytes(StandardCharsets.UTF_8));
    if (!result.succeeded()) {
      throw new DataPlaneException(
          "nft rejected the inbound filter of "
              + interfaceName
              + " (the previous rules stay in force): "
              + result.stderr().strip());
    }
  }

  @Override
  public synchronized void remove(String interfaceName) {
    if (installed(interfaceName)) {
      runner.check("nft", "delete", "table", "inet", NftRuleset.tableName(interfaceName));
    }
  }

  /** Whether the interface's table exists. */
  public boolean installed(String interfaceName) {
    String wanted = "table inet " + NftRuleset.tableName(interfaceName);
    return runner
        .check("nft", "list", "tables")
        .lines()
        .anyMatch(line -> line.strip().equals(wanted));
  }

  /** How many packets the filter has dropped on the interface since its table was created. */
  public long droppedPackets(String interfaceName) {
    String listing =
        runner.check(
            "nft",
            "list",
            "counter",
            "inet",
            NftRuleset.tableName(interfaceName),
            NftRuleset.COUNTER);
    String[] tokens = listing.trim().split("\\s+");
    for (int i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].equals("packets")) {
        return Long.parseLong(tokens[i + 1]);
      }
    }
    throw new DataPlaneException("nft printed no packet count for " + interfaceName);
  }
}
