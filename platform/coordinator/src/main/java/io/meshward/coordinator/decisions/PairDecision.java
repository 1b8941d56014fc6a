package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccessDecision.PortRule;
import java.util.List;

/**
 * The interpreted decision for one directed pair.
 *
 * @param allowed whether the source may open connections to the destination
 * @param rules ids (or {@code package.rule} names) of the rules that decided
 * @param denyReasons the elements of {@code deny}, as text
 * @param ports the {@code ports} entries as written (empty: all)
 * @param portRules the ports as the network map carries them; empty when denied
 * @param failed for a denial, which condition failed; null when allowed
 */
public record PairDecision(
    boolean allowed,
    List<String> rules,
    List<String> denyReasons,
    List<String> ports,
    List<PortRule> portRules,
    String failed) {

  public PairDecision {
    rules = List.copyOf(rules);
    denyReasons = List.copyOf(denyReasons);
    ports = List.copyOf(ports);
    portRules = List.copyOf(portRules);
  }

  static PairDecision denied(List<String> rules, List<String> denyReasons, String failed) {
    return new PairDecision(false, rules, denyReasons, List.of(), List.of(), failed);
  }
}
