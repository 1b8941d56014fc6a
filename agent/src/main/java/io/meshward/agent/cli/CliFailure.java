package io.meshward.agent.cli;

/** Ends a command with a message for the user and an exit code from {@link ExitCodes}. */
final class CliFailure extends RuntimeException {

  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
