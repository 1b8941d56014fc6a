package io.meshward.coordinator.networkmap;

import java.util.List;
import java.util.Set;

/**
 * Observes an account's allowed unordered peer pairs (a pair is allowed when the policy allows a
 * connection in at least one direction) as the network map recomputes them. Called on the network
 * map's worker thread after every recomputation, in order; implementations must return quickly.
 */
public interface AllowedPairsListener {

  /** Whether this listener follows the account now; if none does, no changes are collected. */
  default boolean follows(String accountId) {
    return true;
  }

  /**
   * @param changes pairs whose state may have changed, with their state now; when {@code complete}
   *     they are every allowed pair of the account and replace whatever was known before
   * @param livePeers the account's peers right now
   */
  void allowedPairsChanged(
      String accountId, List<PairChange> changes, boolean complete, Set<String> livePeers);

  /** An unordered pair ({@code a < b}) and whether it is allowed now. */
  record PairChange(String a, String b, boolean allowed) {

    public static PairChange of(String x, String y, boolean allowed) {
      return x.compareTo(y) < 0 ? new PairChange(x, y, allowed) : new PairChange(y, x, allowed);
    }
  }
}
