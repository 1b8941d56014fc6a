package io.meshward.e2e.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A component under test started inside a namespace with {@code ip netns exec} (which execs, so the
 * process is the component itself), its output in a log file. A JVM shutdown hook kills whatever a
 * crashed test left running.
 */
final class NetnsProcess implements AutoCloseable {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private NetnsProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static NetnsProcess start(String name, String namespace, List<String> command, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(NetnsTopology.in(namespace, command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      RUNNING.add(process);
      return new NetnsProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** The last lines of the log, for failure messages. */
  String logTail(int lines) {
    List<String> all = logText().lines().toList();
    return "\n--- last lines of "
        + name
        + " ("
        + log
        + ") ---\n"
        + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** SIGKILL, as a crash: no goodbye to anybody. */
  void kill() {
    process.destroyForcibly();
    waitFor(30);
    RUNNING.remove(process);
  }

  private void waitFor(int seconds) {
    try {
      process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, then SIGKILL if it has not stopped after 20 s. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      waitFor(20);
      process.destroyForcibly();
      waitFor(10);
    }
    RUNNING.remove(process);
  }
}
