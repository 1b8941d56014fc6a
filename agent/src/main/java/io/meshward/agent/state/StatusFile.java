package io.meshward.agent.state;

import java.util.Optional;

/** {@code status.json}: written by a running `up`, read by `status` from another process. */
public final class StatusFile {

  static final String NAME = "status.json";

  private final StateDirectory directory;

  public StatusFile(StateDirectory directory) {
    this.directory = directory;
  }

  public void write(AgentStatus status) {
    directory.writeString(NAME, StateJson.write(status));
  }

  public Optional<AgentStatus> read() {
    return directory
        .readString(NAME)
        .map(json -> StateJson.read(json, AgentStatus.class, directory.resolve(NAME).toString()));
  }
}
