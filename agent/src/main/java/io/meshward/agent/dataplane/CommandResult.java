package io.meshward.agent.dataplane;

import java.util.List;

/** What a finished command printed and how it exited. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

  public CommandResult {
    command = List.copyOf(command);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The standard output, or a {@link DataPlaneException} naming the command and its stderr. */
  public String requireSuccess() {
    if (!succeeded()) {
      String detail = stderr.isBlank() ? stdout.strip() : stderr.strip();
      throw new DataPlaneException(
          "`"
              + String.join(" ", command)
              + "` failed with exit code "
              + exitCode
              + (detail.isEmpty() ? "" : ": " + detail));
    }
    return stdout;
  }
}
