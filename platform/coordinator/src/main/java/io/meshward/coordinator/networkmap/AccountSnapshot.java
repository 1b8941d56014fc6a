package io.meshward.coordinator.networkmap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything a decider may look at for one account, read at one moment. */
public record AccountSnapshot(
    String accountId,
    String meshRange,
    Optional<ActivePolicy> policy,
    Map<String, PeerFacts> peers,
    Map<String, String> groupNamesById) {

  /** The account's active policy bundle: Rego modules by file name and the data document. */
  public record ActivePolicy(int version, Map<String, String> modules, String dataJson) {}

  /**
   * A peer as decisions see it. Posture (verdicts and the facts behind them) is not copied here:
   * deciders ask the posture host ({@code PostureService.policyInput(peerId)}) for the peers they
   * evaluate, so a snapshot stays cheap to read at 10,000 peers.
   */
  public record PeerFacts(
      String id,
      String name,
      String meshAddress,
      String wireguardPublicKey,
      String os,
      List<String> endpoints,
      Set<String> groupIds,
      Set<String> groupNames) {}
}
