package io.meshward.agent.dataplane;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes, optionally behind a prefix such as {@code ip netns exec <ns>}.
 *
 * <p>Output goes to private (0600) temporary files rather than pipes: {@code wireguard-go} forks a
 * daemon, and a daemon that inherited a pipe would keep a reader waiting forever.
 */
public final class ProcessCommandRunner implements CommandRunner {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final List<String> prefix;
  private final Duration timeout;

  public ProcessCommandRunner(List<String> prefix, Duration timeout) {
    this.prefix = List.copyOf(prefix);
    this.timeout = timeout;
  }

  /** Runs commands directly on this host. */
  public static ProcessCommandRunner direct() {
    return new ProcessCommandRunner(List.of(), DEFAULT_TIMEOUT);
  }

  /** Runs every command inside the named network namespace ({@code ip netns exec <name>}). */
  public static ProcessCommandRunner inNamespace(String namespace) {
    if (!namespace.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("not a network namespace name: " + namespace);
    }
    return new ProcessCommandRunner(List.of("ip", "netns", "exec", namespace), DEFAULT_TIMEOUT);
  }

  @Override
  public CommandResult run(
      List<String> command, Map<String, String> environment, byte[] standardInput) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    requireInstalled(command.get(0));
    if (!prefix.isEmpty()) {
      requireInstalled(prefix.get(0));
    }
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    Path out = null;
    Path err = null;
    try {
      out = privateTempFile("out");
      err = privateTempFile("err");
      ProcessBuilder builder = new ProcessBuilder(full);
      // A LOG_LEVEL makes wireguard-go's daemon keep our output files open; it logs nowhere else.
      builder.environment().remove("LOG_LEVEL");
      builder.environment().putAll(environment);
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.redirectInput(
          standardInput.length == 0
              ? ProcessBuilder.Redirect.from(new File("/dev/null"))
              : ProcessBuilder.Redirect.PIPE);
      Process process = builder.start();
      if (standardInput.length > 0) {
        try (OutputStream in = process.getOutputStream()) {
          in.write(standardInput);
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new DataPlaneException(
            "`" + String.join(" ", full) + "` did not finish within " + timeout.toSeconds() + "s");
      }
      return new CommandResult(
          full,
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DataPlaneException(
          "cannot run `" + String.join(" ", full) + "`: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataPlaneException("interrupted while running `" + full.get(0) + "`", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void requireInstalled(String command) {
    if (RequiredTool.locate(command).isEmpty()) {
      throw new DataPlaneException(
          RequiredTool.forCommand(command)
              .map(RequiredTool::missingMessage)
              .orElse(command + " not found: install it or add it to PATH"));
    }
  }

  private static Path privateTempFile(String suffix) throws IOException {
    return Files.createTempFile(
        "meshward-cmd-",
        "." + suffix,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A leftover private temp file is harmless; the command's outcome matters more.
      }
    }
  }
}
