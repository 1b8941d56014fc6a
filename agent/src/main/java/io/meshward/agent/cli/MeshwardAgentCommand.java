package io.meshward.agent.cli;

import io.meshward.agent.link.LinkFailure;
import io.meshward.agent.state.StateException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level `meshward-agent` command. */
@Command(
    name = "meshward-agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Joins this device to a Meshward mesh and keeps its WireGuard peers current.",
    subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error (a bug: please report it)",
      "2:wrong usage",
      "3:coordinator unreachable",
      "4:setup key rejected",
      "5:device removed from the mesh",
      "6:TLS failure or CA pin mismatch",
      "7:state directory unusable",
      "8:an agent already runs for this state directory",
      "9:the coordinator refused the request",
      "10:(status) no agent running"
    })
public final class MeshwardAgentCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose a command: up, status or down");
  }

  /** Builds the command line with the agent's error handling. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new MeshwardAgentCommand());
    commandLine.setExecutionExceptionHandler(
        (error, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          int code;
          String message;
          switch (error) {
            case CliFailure failure -> {
              code = failure.exitCode();
              message = failure.getMessage();
            }
            case LinkFailure failure -> {
              code = ExitCodes.of(failure.kind());
              message = failure.getMessage();
            }
            case StateException failure -> {
              code = ExitCodes.STATE_DIRECTORY;
              message = failure.getMessage();
            }
            default -> {
              code = ExitCodes.INTERNAL_ERROR;
              message = "internal error: " + error;
              error.printStackTrace(err);
            }
          }
          err.println("meshward-agent: " + message);
          err.flush();
          return code;
        });
    return commandLine;
  }
}
