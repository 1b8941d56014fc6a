package io.meshward.agent.state;

import java.time.Instant;
import java.util.Optional;

/**
 * The running `up` process as recorded in {@code agent.pid}. The start instant guards against a
 * recycled process id: a process with the same id but another start time is not ours.
 */
public record AgentProcess(long pid, Instant startedAt) {

  static final String NAME = "agent.pid";

  public static AgentProcess current() {
    ProcessHandle self = ProcessHandle.current();
    return new AgentProcess(self.pid(), self.info().startInstant().orElse(null));
  }

  /** The live process this record names, if it still runs. */
  public Optional<ProcessHandle> handle() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                startedAt == null
                    || handle.info().startInstant().map(startedAt::equals).orElse(true));
  }

  public static Optional<AgentProcess> read(StateDirectory directory) {
    return directory
        .readString(NAME)
        .map(json -> StateJson.read(json, AgentProcess.class, directory.resolve(NAME).toString()));
  }

  public void write(StateDirectory directory) {
    directory.writeString(NAME, StateJson.write(this));
  }

  public static void remove(StateDirectory directory) {
    directory.delete(NAME);
  }
}
