package io.meshward.coordinator.networkmap;

import java.util.Set;

/**
 * What an account without an active policy gets: nothing is allowed. This is the intended behaviour
 * (fail closed), not a placeholder.
 */
final class NoPolicyAccessDecider implements AccessDecider {

  @Override
  public AccessDecision decide(AccountSnapshot snapshot, Set<String> subjects) {
    return AccessDecision.denyAll();
  }
}
