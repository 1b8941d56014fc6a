package io.meshward.agent.dataplane;

import java.util.List;
import java.util.Map;

/**
 * Runs one system command and captures its output. The data plane changes the system only through
 * this, so it can run inside a network namespace (see {@link ProcessCommandRunner#inNamespace}).
 */
public interface CommandRunner {

  /**
   * Runs {@code command} with extra environment variables and bytes on standard input (empty for
   * none). The input may hold a secret: implementations never log it or put it on a command line.
   * Throws {@link DataPlaneException} when the program is missing or does not finish in time; a
   * non-zero exit is returned, not thrown.
   */
  CommandResult run(List<String> command, Map<String, String> environment, byte[] standardInput);

  default CommandResult run(String... command) {
    return run(List.of(command), Map.of(), new byte[0]);
  }

  /** Runs the command and returns its standard output, or throws with its stderr. */
  default String check(String... command) {
    return run(command).requireSuccess();
  }
}
