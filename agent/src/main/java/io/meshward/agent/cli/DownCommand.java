package io.meshward.agent.cli;

import io.meshward.agent.dataplane.DataPlaneException;
import io.meshward.agent.dataplane.NftablesPortFilter;
import io.meshward.agent.dataplane.ProcessCommandRunner;
import io.meshward.agent.dataplane.WireGuardGoBackend;
import io.meshward.agent.state.AgentProcess;
import io.meshward.agent.state.AgentStatus;
import io.meshward.agent.state.LiveInterface;
import io.meshward.agent.state.StateDirectory;
import io.meshward.agent.state.StatusFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `down`: stops the running `up` (SIGTERM) and removes what it set up: the generated WireGuard
 * configuration, or the interface and packet filter of a killed agent.
 */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description =
        "Stops the agent running for the state directory and removes the WireGuard"
            + " configuration it wrote. Succeeds when no agent runs, too.")
final class DownCommand implements Callable<Integer> {

  @Mixin StateDirOption state;

  @Option(
      names = "--timeout",
      defaultValue = "20s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long to wait for the agent to stop (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--force", description = "Kill the agent if it has not stopped in time.")
  boolean force;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StateDirectory directory = state.directory();
    PrintWriter out = spec.commandLine().getOut();
    Optional<ProcessHandle> process = AgentProcess.read(directory).flatMap(AgentProcess::handle);
    if (process.isPresent()) {
      ProcessHandle handle = process.get();
      handle.destroy();
      if (!waitFor(handle, timeout)) {
        if (!force) {
          throw new CliFailure(
              ExitCodes.INTERNAL_ERROR,
              "the agent (pid "
                  + handle.pid()
                  + ") did not stop within "
                  + timeout
                  + "; run `down --force` to kill it");
        }
        handle.destroyForcibly();
        waitFor(handle, Duration.ofSeconds(10));
      }
      out.println("stopped the agent (pid " + handle.pid() + ")");
    } else {
      out.println("no agent is running for " + directory.root());
    }
    removeLeftInterface(directory, out);
    int removed = removeWireGuardConfigs(directory);
    if (removed > 0) {
      out.println("removed " + removed + " WireGuard configuration file(s)");
    }
    AgentProcess.remove(directory);
    markStopped(directory);
    out.flush();
    return ExitCodes.OK;
  }

  private static boolean waitFor(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    }
  }

  /**
   * The agent tears its interface and packet filter down itself; a killed one leaves them, and its
   * record says which. Removing what no longer exists is fine.
   */
  private static void removeLeftInterface(StateDirectory directory, PrintWriter out) {
    Optional<LiveInterface> left = LiveInterface.read(directory);
    if (left.isEmpty()) {
      return;
    }
    String name = left.get().interfaceName();
    if (left.get().backend().equals(UpCommand.Backend.WIREGUARD_GO.toString())) {
      ProcessCommandRunner runner = ProcessCommandRunner.direct();
      try {
        WireGuardGoBackend interfaces = new WireGuardGoBackend(runner);
        boolean existed = interfaces.exists(name);
        interfaces.remove(name);
        new NftablesPortFilter(runner).remove(name);
        if (existed) {
          out.println("removed the interface " + name + " and its packet filter");
        }
      } catch (DataPlaneException | IllegalArgumentException e) {
        throw new CliFailure(
            ExitCodes.INTERNAL_ERROR,
            "could not remove the interface "
                + name
                + " left by the agent: "
                + e.getMessage()
                + "; run `down` again as root (it needs ip, wg and nft)");
      }
    }
    LiveInterface.remove(directory);
  }

  /** The agent removes its configuration itself; this covers an agent that was killed. */
  private static int removeWireGuardConfigs(StateDirectory directory) {
    Path wg = directory.resolve("wg");
    if (!Files.isDirectory(wg)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(wg)) {
      List<Path> configs = files.filter(f -> f.getFileName().toString().endsWith(".conf")).toList();
      for (Path config : configs) {
        Files.deleteIfExists(config);
      }
      return configs.size();
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.STATE_DIRECTORY,
          "cannot remove the WireGuard configuration in " + wg + ": " + e.getMessage());
    }
  }

  private static void markStopped(StateDirectory directory) {
    StatusFile file = new StatusFile(directory);
    file.read()
        .filter(s -> !s.state().equals("stopped") && !s.state().equals("failed"))
        .ifPresent(
            s ->
                file.write(
                    new AgentStatus(
                        s.pid(),
                        "stopped",
                        s.updatedAt(),
                        s.link() == null
                            ? null
                            : new AgentStatus.Link(
                                s.link().coordinator(),
                                false,
                                s.link().lastContact(),
                                s.link().disconnectedSince(),
                                s.link().lastError()),
                        s.self(),
                        s.posture(),
                        List.of(),
                        s.peersClearedAt(),
                        s.wireGuardConfig())));
  }
}
