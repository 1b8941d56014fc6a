package io.meshward.plugin.testkit;

import io.meshward.plugin.host.PluginInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the contract found.
 *
 * @param plugin how the host saw the plugin (id, version, API version, state)
 * @param violations every broken rule, empty if the plugin keeps the contract
 */
public record ContractReport(Optional<PluginInfo> plugin, List<Violation> violations) {

  public ContractReport {
    violations = List.copyOf(violations);
  }

  public boolean satisfied() {
    return violations.isEmpty();
  }

  public List<Violation> violationsOf(ContractRule rule) {
    return violations.stream().filter(v -> v.rule() == rule).toList();
  }

  @Override
  public String toString() {
    String name = plugin.map(p -> p.id() + " " + p.version()).orElse("plugin");
    if (violations.isEmpty()) {
      return name + " keeps the posture-plugin contract";
    }
    return name
        + " breaks the posture-plugin contract:\n  "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("\n  "));
  }
}
