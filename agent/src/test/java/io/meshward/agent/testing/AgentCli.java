package io.meshward.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shaded agent jar as a separate process, as a user would. */
public final class AgentCli {

  /** A finished command. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private final Path jar;
  private final Path logs;

  public AgentCli(Path logs) {
    String property = System.getProperty("meshward.agent.jar");
    if (property == null) {
      throw new IllegalStateException(
          "meshward.agent.jar is not set: run this test through failsafe (./mvnw -pl agent verify)");
    }
    this.jar = Path.of(property);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: package the agent first");
    }
    this.logs = logs;
  }

  /** Runs a command to completion. */
  public Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(logs, "out", ".txt");
    Path err = Files.createTempFile(logs, "err", ".txt");
    Process process =
        new ProcessBuilder(command(args))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("meshward-agent " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Starts a long-running command; its output goes to {@code <name>.out/.err} in the logs dir. */
  public Running start(String name, String... args) throws IOException {
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Process process =
        new ProcessBuilder(command(args))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new Running(process, out, err);
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** A started agent process. */
  public record Running(Process process, Path stdout, Path stderr) implements AutoCloseable {

    public String stderrText() throws IOException {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    public String stdoutText() throws IOException {
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
