package io.meshward.coordinator.networkmap;

import java.util.Set;

/**
 * Decides which directed peer pairs of an account may talk, and on which ports. The network map
 * asks only about pairs touching the {@code subjects} (the peers affected by a change), so a
 * decider should evaluate just those.
 *
 * <p>Implementations fail closed: a pair they cannot decide (engine error, missing fact) is left
 * out, which denies it.
 */
public interface AccessDecider {

  /**
   * @param snapshot the account as it is now, with its active policy bundle
   * @param subjects ids of peers whose pairs (in either direction) must be decided
   * @return the allowed connections from or to a subject; anything absent is denied
   */
  AccessDecision decide(AccountSnapshot snapshot, Set<String> subjects);

  /**
   * Why the pair {@code from -> to} is decided as it now is, for the audit record of a decision
   * flip; null when the decider cannot tell. Called for a bounded number of flipped pairs only.
   */
  default String explain(AccountSnapshot snapshot, String from, String to) {
    return null;
  }
}
