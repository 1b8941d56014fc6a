package io.meshward.agent.cli;

import io.meshward.agent.state.AgentProcess;
import io.meshward.agent.state.AgentStatus;
import io.meshward.agent.state.CredentialStore;
import io.meshward.agent.state.StateDirectory;
import io.meshward.agent.state.StateJson;
import io.meshward.agent.state.StatusFile;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `status`: what the running agent (or the last one) published. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows the coordinator link, this device's last reported posture and its current peers."
            + " Exits 0 when an agent runs for the state directory, 10 when none does.")
final class StatusCommand implements Callable<Integer> {

  /** The JSON form of `status --json`. */
  record View(boolean running, String stateDir, AgentStatus status) {}

  @Mixin StateDirOption state;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StateDirectory directory = state.directory();
    PrintWriter out = spec.commandLine().getOut();
    boolean running = AgentProcess.read(directory).flatMap(AgentProcess::handle).isPresent();
    Optional<AgentStatus> status = new StatusFile(directory).read();
    if (json) {
      out.println(
          StateJson.write(new View(running, directory.root().toString(), status.orElse(null))));
    } else if (status.isEmpty()) {
      boolean enrolled = new CredentialStore(directory).isEnrolled();
      out.println("meshward-agent: not running (state dir " + directory.root() + ")");
      out.println(
          enrolled
              ? "enrolled; start it with `meshward-agent up --coordinator HOST:PORT --state-dir "
                  + directory.root()
                  + "`"
              : "not enrolled; run `meshward-agent up --coordinator HOST:PORT --setup-key KEY`");
    } else {
      out.print(StatusText.render(status.get(), running, directory.root().toString()));
    }
    out.flush();
    return running ? ExitCodes.OK : ExitCodes.NOT_RUNNING;
  }
}
