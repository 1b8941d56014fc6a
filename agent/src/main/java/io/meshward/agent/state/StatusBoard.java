package io.meshward.agent.state;

import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The running agent's status, kept in memory and published to {@code status.json} on every change
 * so `status` in another process sees it.
 */
public final class StatusBoard {

  private static final Logger LOG = Logger.getLogger(StatusBoard.class.getName());

  private final StatusFile file;
  private final Clock clock;
  private AgentStatus current;

  public StatusBoard(StatusFile file, Clock clock, AgentStatus initial) {
    this.file = file;
    this.clock = clock;
    this.current = initial;
    publish();
  }

  public static AgentStatus initial(long pid, String coordinator, String wireGuardConfig) {
    return new AgentStatus(
        pid,
        "starting",
        null,
        new AgentStatus.Link(coordinator, false, null, null, null),
        null,
        null,
        List.of(),
        null,
        wireGuardConfig);
  }

  public synchronized AgentStatus current() {
    return current;
  }

  /** Applies a change and writes the file. */
  public synchronized void update(UnaryOperator<AgentStatus> change) {
    current = change.apply(current);
    publish();
  }

  private void publish() {
    AgentStatus stamped =
        new AgentStatus(
            current.pid(),
            current.state(),
            clock.instant(),
            current.link(),
            current.self(),
            current.posture(),
            current.peers(),
            current.peersClearedAt(),
            current.wireGuardConfig());
    current = stamped;
    try {
      file.write(stamped);
    } catch (StateException e) {
      LOG.warning("cannot publish status: " + e.getMessage());
    }
  }
}
