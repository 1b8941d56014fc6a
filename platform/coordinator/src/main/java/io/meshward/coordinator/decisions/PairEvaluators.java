package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccountSnapshot;
import io.meshward.coordinator.posture.PostureService;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Opens a {@link PairEvaluator} on an account snapshot with its active policy. */
@Component
class PairEvaluators {

  private final PolicyEngines engines;
  private final ReportedOs os;
  private final PostureService posture;
  private final Clock clock;

  PairEvaluators(PolicyEngines engines, ReportedOs os, PostureService posture, Clock clock) {
    this.engines = engines;
    this.os = os;
    this.posture = posture;
    this.clock = clock;
  }

  PolicyEngines engines() {
    return engines;
  }

  PairEvaluator open(AccountSnapshot snapshot) {
    ActiveBundle bundle = engines.prepare(snapshot);
    PeerInputs inputs =
        new PeerInputs(snapshot, os.ofAccount(snapshot.accountId()), posture::policyInput);
    Instant now = clock.instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return new PairEvaluator(bundle, inputs, nanos, engines.budget());
  }
}
