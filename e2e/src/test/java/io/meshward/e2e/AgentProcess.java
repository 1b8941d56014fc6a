package io.meshward.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * One device: {@code meshward-agent up} as its own process with its own state directory, and a
 * facts-override file the test rewrites to change what the device reports.
 */
final class AgentProcess implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BuiltArtifacts artifacts;
  private final String name;
  private final Path stateDir;
  private final Path factsFile;
  private final Path logDir;
  private final Map<String, Object> facts;
  private final LaunchedProcess process;

  private AgentProcess(
      BuiltArtifacts artifacts,
      String name,
      Path stateDir,
      Path factsFile,
      Path logDir,
      Map<String, Object> facts,
      LaunchedProcess process) {
    this.artifacts = artifacts;
    this.name = name;
    this.stateDir = stateDir;
    this.factsFile = factsFile;
    this.logDir = logDir;
    this.facts = facts;
    this.process = process;
  }

  /**
   * Enrols (setup key in the environment, as the docs recommend) and runs the agent. The device
   * claims to be Debian {@code osVersion} named {@code name}, whatever the test machine runs.
   */
  static AgentProcess up(
      BuiltArtifacts artifacts,
      String name,
      CoordinatorProcess coordinator,
      String setupKey,
      String caFingerprint,
      String osVersion,
      Path workDir,
      Path logDir) {
    Path stateDir = workDir.resolve("agent-" + name);
    Path factsFile = workDir.resolve("facts-" + name + ".json");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("host.name", name);
    facts.put("os.platform", "linux");
    facts.put("os.distribution", "debian");
    facts.put("os.version", osVersion);
    writeAtomically(factsFile, facts);
    List<String> command = new ArrayList<>();
    command.add(BuiltArtifacts.java().toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(artifacts.agentJar().toString());
    command.add("up");
    command.add("--coordinator");
    command.add(coordinator.grpcTarget());
    command.add("--ca-fingerprint");
    command.add(caFingerprint);
    command.add("--state-dir");
    command.add(stateDir.toString());
    command.add("--facts-override");
    command.add(factsFile.toString());
    // Several agents share this machine: advertise no UDP endpoint, and notice fact changes soon.
    command.add("--listen-port");
    command.add("0");
    command.add("--facts-check-interval");
    command.add("1s");
    LaunchedProcess process =
        LaunchedProcess.startWithEnvironment(
            "agent " + name,
            command,
            Map.of("MESHWARD_SETUP_KEY", setupKey),
            workDir,
            logDir.resolve("agent-" + name + ".log"));
    return new AgentProcess(artifacts, name, stateDir, factsFile, logDir, facts, process);
  }

  String name() {
    return name;
  }

  /** Rewrites the facts-override file; the running agent reports the change by itself. */
  void reportOsVersion(String version) {
    facts.put("os.version", version);
    writeAtomically(factsFile, facts);
  }

  /** {@code meshward-agent status --json}, run as a separate process. */
  AgentStatus status() {
    List<String> command =
        List.of(
            BuiltArtifacts.java().toString(),
            "-jar",
            artifacts.agentJar().toString(),
            "status",
            "--state-dir",
            stateDir.toString(),
            "--json");
    Path stderr = logDir.resolve("agent-" + name + "-status.err");
    try {
      Process status =
          new ProcessBuilder(command)
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] out = status.getInputStream().readAllBytes();
      if (!status.waitFor(2, TimeUnit.MINUTES)) {
        status.destroyForcibly();
        throw new AssertionError("`status` of agent " + name + " did not finish");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (status.exitValue() != 0 && status.exitValue() != 10) {
        throw new AssertionError(
            "`status --json` of agent "
                + name
                + " exited "
                + status.exitValue()
                + ": "
                + text
                + Files.readString(stderr));
      }
      return new AgentStatus(name, JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The WireGuard configuration the agent wrote. */
  String wireGuardConfig() {
    try {
      return Files.readString(stateDir.resolve("wg").resolve("meshward0.conf"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String logTail(int lines) {
    return process.logTail(lines);
  }

  @Override
  public void close() {
    process.close();
  }

  private static void writeAtomically(Path file, Map<String, Object> content) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, JSON.writeValueAsString(content));
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
