package io.meshward.agent.state;

import java.util.Optional;

/**
 * The kernel-side interface a running `up` created ({@code live-interface.json}): written before
 * the interface exists, removed after a clean teardown. If it outlives its agent (killed), `down`
 * knows what to remove.
 */
public record LiveInterface(String backend, String interfaceName) {

  static final String NAME = "live-interface.json";

  public static Optional<LiveInterface> read(StateDirectory directory) {
    return directory
        .readString(NAME)
        .map(json -> StateJson.read(json, LiveInterface.class, directory.resolve(NAME).toString()));
  }

  public void write(StateDirectory directory) {
    directory.writeString(NAME, StateJson.write(this));
  }

  public static void remove(StateDirectory directory) {
    directory.delete(NAME);
  }
}
