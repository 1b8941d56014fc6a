package io.meshward.agent;

import io.meshward.agent.cli.MeshwardAgentCommand;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Command-line entry point of the Meshward agent. */
public final class AgentMain {

  // Held so the levels set below are not lost when the loggers are garbage-collected.
  private static List<Logger> quietLoggers;

  private AgentMain() {}

  public static void main(String[] args) {
    // Before the first logger exists: one line per record, on standard error.
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    quietLoggers = List.of(Logger.getLogger("io.grpc"), Logger.getLogger("oshi"));
    quietLoggers.forEach(logger -> logger.setLevel(Level.WARNING));
    System.exit(MeshwardAgentCommand.commandLine().execute(args));
  }
}
