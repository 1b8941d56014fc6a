package io.meshward.agent.cli;

import io.meshward.agent.state.StateDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}, shared by every command. */
final class StateDirOption {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where keys, certificates and status live (default: /var/lib/meshward-agent as root,"
              + " ~/.meshward-agent otherwise).")
  Path stateDir;

  StateDirectory directory() {
    return new StateDirectory(stateDir != null ? stateDir : StateDirectory.defaultLocation());
  }
}
