package io.meshward.relay.session;

import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.policy.PolicySnapshot;
import io.meshward.relay.wire.ErrorCode;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on every snapshot install: closes each session whose credential the new snapshot no longer
 * lists. The session is marked revoked first, so it forwards nothing more even before its channel
 * has finished closing.
 */
public final class Revocation implements Consumer<PolicySnapshot> {

  private static final Logger log = LoggerFactory.getLogger(Revocation.class);

  private final SessionTable sessions;
  private final RelayMetrics metrics;

  public Revocation(SessionTable sessions, RelayMetrics metrics) {
    this.sessions = sessions;
    this.metrics = metrics;
  }

  @Override
  public void accept(PolicySnapshot snapshot) {
    sessions.forEach(
        session -> {
          if (!snapshot.admits(session.peerId(), session.credentialDigest())) {
            session.revoke();
            ErrorCode reason =
                snapshot.isEmpty() ? ErrorCode.NOT_READY : ErrorCode.CREDENTIAL_REVOKED;
            log.info(
                "Closing agent {}: {}",
                session.peerId(),
                reason.name().toLowerCase(java.util.Locale.ROOT));
            Disconnect.close(session.channel(), reason, metrics);
          }
        });
  }
}
