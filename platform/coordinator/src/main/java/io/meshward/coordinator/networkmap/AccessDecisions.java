package io.meshward.coordinator.networkmap;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Chooses who decides: without an active policy nothing is allowed; with one, the policy engine's
 * {@link AccessDecider} bean decides. Missing engine or an engine failure denies (fail closed).
 */
@Component
class AccessDecisions {

  private static final Logger log = LoggerFactory.getLogger(AccessDecisions.class);

  private final AccessDecider noPolicy = new NoPolicyAccessDecider();
  private final ObjectProvider<AccessDecider> engine;

  AccessDecisions(ObjectProvider<AccessDecider> engine) {
    this.engine = engine;
  }

  /** The flips with the decider's explanation as their reason (the first {@code limit} only). */
  java.util.List<io.meshward.coordinator.audit.DecisionFlip> explained(
      AccountSnapshot snapshot,
      java.util.List<io.meshward.coordinator.audit.DecisionFlip> flips,
      int limit) {
    AccessDecider decider = snapshot.policy().isEmpty() ? null : engine.getIfUnique();
    if (decider == null) {
      return flips;
    }
    var out = new java.util.ArrayList<io.meshward.coordinator.audit.DecisionFlip>(flips.size());
    for (int i = 0; i < flips.size(); i++) {
      var flip = flips.get(i);
      String why = null;
      if (i < limit) {
        try {
          why = decider.explain(snapshot, flip.fromPeerId(), flip.toPeerId());
        } catch (RuntimeException e) {
          log.warn(
              "Could not explain the decision {} -> {}", flip.fromPeerId(), flip.toPeerId(), e);
        }
      }
      out.add(
          why == null
              ? flip
              : new io.meshward.coordinator.audit.DecisionFlip(
                  flip.fromPeerId(), flip.toPeerId(), flip.allowed(), why));
    }
    return out;
  }

  AccessDecision decide(AccountSnapshot snapshot, Set<String> subjects) {
    if (snapshot.policy().isEmpty() || subjects.isEmpty()) {
      return noPolicy.decide(snapshot, subjects);
    }
    AccessDecider decider = engine.getIfUnique();
    if (decider == null) {
      log.warn(
          "Account {} has policy v{} active but no policy engine is configured: denying all"
              + " access",
          snapshot.accountId(),
          snapshot.policy().get().version());
      return AccessDecision.denyAll();
    }
    try {
      return decider.decide(snapshot, subjects);
    } catch (RuntimeException e) {
      log.error(
          "Policy engine failed for account {} ({} peers affected): denying their access",
          snapshot.accountId(),
          subjects.size(),
          e);
      return AccessDecision.denyAll();
    }
  }
}
