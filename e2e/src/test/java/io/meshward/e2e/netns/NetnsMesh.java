package io.meshward.e2e.netns;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator and the relay in the hub namespace, agents in their own namespaces, all started
 * from the built jars. Owns every process it starts and closes them before the namespaces go.
 */
final class NetnsMesh implements AutoCloseable {

  static final int HTTP_PORT = 18080;
  static final int GRPC_PORT = 18443;
  static final int RELAY_PORT = 13478;
  static final int METRICS_PORT = 19464;
  static final int WIREGUARD_PORT = 51820;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern METRIC_LINE =
      Pattern.compile("^(\\w+)(\\{[^}]*\\})?\\s+([-+0-9.eE]+|NaN)\\s*$");

  private final NetnsTopology topology;
  private final Path workDir;
  private final List<NetnsProcess> processes = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private NetnsProcess coordinator;
  private NetnsProcess relay;
  private List<String> relayCommand;
  private NetnsAdmin admin;

  /** One agent: its namespace, state, facts file, interface and process. */
  record Agent(
      String name,
      String namespace,
      int index,
      String interfaceName,
      Path stateDir,
      Path factsFile,
      NetnsProcess process) {

    /** Its mesh address (without prefix length) once enrolled, read from its status file. */
    String meshAddress() {
      Path status = stateDir.resolve("status.json");
      try {
        if (!Files.exists(status)) {
          return null;
        }
        JsonNode self = JSON.readTree(Files.readString(status)).path("self");
        String address = self.path("meshAddress").asString(null);
        if (address == null || address.isBlank()) {
          return null;
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
      } catch (IOException | RuntimeException e) {
        return null; // Being rewritten: read again on the next poll.
      }
    }

    /** Whether its status file says the coordinator link is up (a map has arrived). */
    boolean connected() {
      try {
        Path status = stateDir.resolve("status.json");
        return Files.exists(status)
            && JSON.readTree(Files.readString(status)).path("link").path("connected").asBoolean();
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    /** {@code wg show <if> endpoints} inside its namespace (empty before the interface exists). */
    String wireGuardEndpoints() {
      Shell shown =
          Shell.run(NetnsTopology.in(namespace, List.of("wg", "show", interfaceName, "endpoints")));
      return shown.succeeded() ? shown.output() : "";
    }

    /** What its WireGuard interface and its status file say now, for failure reports. */
    String dataPlaneState() {
      Shell dump = Shell.run(NetnsTopology.in(namespace, List.of("wg", "show", interfaceName)));
      String peers;
      try {
        peers =
            JSON.readTree(Files.readString(stateDir.resolve("status.json")))
                .path("peers")
                .toString();
      } catch (RuntimeException | IOException e) {
        peers = "(status unreadable: " + e + ")";
      }
      return "%n--- agent %s: wg show %s ---%n%s%n--- agent %s: peers in its status ---%n%s%n"
          .formatted(name, interfaceName, dump.output(), name, peers);
    }

    /** The path its status shows per peer name ("direct", "relay", …). */
    Map<String, String> peerPaths() {
      Map<String, String> paths = new LinkedHashMap<>();
      try {
        for (JsonNode peer :
            JSON.readTree(Files.readString(stateDir.resolve("status.json"))).path("peers")) {
          paths.put(peer.path("name").asString(), peer.path("path").asString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return paths;
    }

    /** Whether its WireGuard interface or its nftables table still exists. */
    boolean dataPlaneLeft() {
      boolean link =
          Shell.run(
                  NetnsTopology.in(namespace, List.of("ip", "link", "show", "dev", interfaceName)))
              .succeeded();
      boolean table =
          Shell.run(NetnsTopology.in(namespace, List.of("nft", "list", "tables")))
              .output()
              .contains(interfaceName);
      return link || table;
    }

    void writeFacts(String osVersion) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("host.name", name);
      facts.put("os.platform", "linux");
      facts.put("os.distribution", "debian");
      facts.put("os.version", osVersion);
      try {
        Path temporary = factsFile.resolveSibling(factsFile.getFileName() + ".tmp");
        Files.writeString(temporary, JSON.writeValueAsString(facts));
        Files.move(
            temporary,
            factsFile,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  NetnsMesh(NetnsTopology topology, Path workDir) {
    this.topology = topology;
    this.workDir = workDir;
  }

  private static Path jar(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new IllegalStateException(
          "system property "
              + property
              + " must name a built jar (got "
              + value
              + "); run `./mvnw -DskipTests install -pl e2e -am` first");
    }
    return Path.of(value);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts the coordinator in the hub and waits until it is ready; returns its admin API. */
  NetnsAdmin startCoordinator() {
    Path dataDir = workDir.resolve("coordinator-data");
    List<String> command =
        List.of(
            java(),
            "-Xmx512m",
            "-jar",
            jar("meshward.e2e.coordinator-jar").toString(),
            "--meshward.data-dir=" + dataDir,
            "--server.port=" + HTTP_PORT,
            "--meshward.grpc.port=" + GRPC_PORT,
            "--meshward.grpc.hostnames=" + NetnsTopology.HUB,
            "--meshward.posture.plugin-dir=" + System.getProperty("meshward.e2e.plugin-dir"),
            "--meshward.posture.plugins.os-version.min-linux-debian=12");
    coordinator =
        track(
            NetnsProcess.start(
                "coordinator", topology.hub(), command, workDir.resolve("coordinator.log")));
    String readiness =
        "http://" + NetnsTopology.HUB + ":" + HTTP_PORT + "/actuator/health/readiness";
    await("coordinator ready at " + readiness)
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .failFast(() -> failIfDead(coordinator))
        .ignoreExceptions()
        .until(() -> NetnsAdmin.fetch(readiness).contains("\"UP\""));
    try {
      String token = Files.readString(dataDir.resolve("admin-token")).strip();
      admin = new NetnsAdmin(NetnsTopology.HUB + ":" + HTTP_PORT, token);
      return admin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void failIfDead(NetnsProcess process) {
    if (!process.isAlive()) {
      throw new AssertionError("process exited" + process.logTail(60));
    }
  }

  /** Registers the relay and starts it in the hub; waits until it serves its metrics. */
  void startRelay() {
    NetnsAdmin.Relay registered = admin.registerRelay("hub", NetnsTopology.HUB + ":" + RELAY_PORT);
    Path tokenFile = workDir.resolve("relay-token");
    try {
      Files.writeString(tokenFile, registered.token());
      Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    relayCommand =
        List.of(
            java(),
            "-Xmx128m",
            "-jar",
            jar("meshward.e2e.relay-jar").toString(),
            "--coordinator",
            NetnsTopology.HUB + ":" + GRPC_PORT,
            "--coordinator-ca",
            workDir.resolve("coordinator-data/ca/ca-cert.pem").toString(),
            "--relay-id",
            registered.id(),
            "--relay-token-file",
            tokenFile.toString(),
            "--listen",
            NetnsTopology.HUB + ":" + RELAY_PORT,
            "--metrics-listen",
            NetnsTopology.HUB + ":" + METRICS_PORT);
    restartRelay();
  }

  /** Starts the relay (again) with the same identity and waits until it enforces a snapshot. */
  void restartRelay() {
    relay =
        track(
            NetnsProcess.start(
                "relay", topology.hub(), relayCommand, workDir.resolve("relay.log")));
    await("relay holds a policy snapshot")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .failFast(() -> failIfDead(relay))
        .ignoreExceptions()
        .until(() -> metric("meshward_relay_snapshot_serial", null) >= 0);
  }

  /** Kills the relay (SIGKILL, as a crash). */
  void killRelay() {
    relay.kill();
  }

  /**
   * A relay metric summed over its series; {@code reason} selects series with that reason label. A
   * metric not (yet) present counts 0.
   */
  double metric(String name, String reason) {
    String text = NetnsAdmin.fetch("http://" + NetnsTopology.HUB + ":" + METRICS_PORT + "/metrics");
    double sum = 0;
    boolean seen = false;
    for (String line : text.lines().toList()) {
      Matcher m = METRIC_LINE.matcher(line);
      if (!m.matches() || !m.group(1).equals(name)) {
        continue;
      }
      if (reason != null
          && (m.group(2) == null || !m.group(2).contains("reason=\"" + reason + "\""))) {
        continue;
      }
      sum += Double.parseDouble(m.group(3));
      seen = true;
    }
    if (!seen && reason == null && name.endsWith("_serial")) {
      throw new IllegalStateException(name + " not in the relay's metrics yet");
    }
    return sum;
  }

  /** Creates the agent's namespace and starts {@code up --backend wireguard-go} inside it. */
  Agent startAgent(
      String name,
      int index,
      NetnsAdmin.SetupKey key,
      String directTimeout,
      boolean ignorePeerUpdates) {
    String namespace = topology.addAgent(name, index);
    Path stateDir = workDir.resolve("agent-" + name);
    Path factsFile = workDir.resolve("facts-" + name + ".json");
    String interfaceName = topology.interfaceName(name);
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx96m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar("meshward.e2e.agent-jar").toString(),
                "up",
                "--coordinator",
                NetnsTopology.HUB + ":" + GRPC_PORT,
                "--setup-key",
                key.key(),
                "--ca-fingerprint",
                key.caFingerprint(),
                "--state-dir",
                stateDir.toString(),
                "--backend",
                "wireguard-go",
                "--interface",
                interfaceName,
                "--listen-port",
                String.valueOf(WIREGUARD_PORT),
                "--facts-override",
                factsFile.toString(),
                "--facts-check-interval",
                "1s",
                "--direct-timeout",
                directTimeout));
    if (ignorePeerUpdates) {
      command.add("--ignore-peer-updates");
    }
    Agent prepared = new Agent(name, namespace, index, interfaceName, stateDir, factsFile, null);
    prepared.writeFacts("12");
    NetnsProcess process =
        track(
            NetnsProcess.start(
                "agent " + name, namespace, command, workDir.resolve("agent-" + name + ".log")));
    Agent agent = new Agent(name, namespace, index, interfaceName, stateDir, factsFile, process);
    agents.add(agent);
    await("agent " + name + " enrolled")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .failFast(() -> failIfDead(process))
        .until(() -> agent.meshAddress() != null);
    return agent;
  }

  /** A TCP listener ({@code nc -lk}) on {@code port} in the namespace. */
  void listen(String namespace, String label, int port) {
    track(
        NetnsProcess.start(
            "listener " + label + ":" + port,
            namespace,
            List.of("nc", "-4", "-lk", String.valueOf(port)),
            workDir.resolve("listener-" + label + "-" + port + ".log")));
  }

  /** Pings {@code address} from the agent's namespace every 5 ms until the mesh closes. */
  void pingContinuously(Agent from, String address) {
    track(
        NetnsProcess.start(
            "ping " + from.name() + " -> " + address,
            from.namespace(),
            List.of("ping", "-q", "-i", "0.005", address),
            workDir.resolve("ping-" + from.name() + ".log")));
  }

  /** A listener that accepts one connection after another and discards what it receives. */
  void listenDiscarding(String namespace, String label, int port) {
    track(
        NetnsProcess.start(
            "sink " + label + ":" + port,
            namespace,
            List.of("sh", "-c", "exec nc -4 -lk " + port + " > /dev/null"),
            workDir.resolve("sink-" + label + "-" + port + ".log")));
  }

  /**
   * Sends {@code megabytes} MB of zeros from the agent's namespace to {@code address:port} {@code
   * runs} times; returns the median as "N MB/s (T s)".
   */
  static String median(Agent from, String address, int port, int megabytes, int runs) {
    List<Double> seconds = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      long start = System.nanoTime();
      Shell sent =
          Shell.run(
              NetnsTopology.in(
                  from.namespace(),
                  List.of(
                      "sh",
                      "-c",
                      "head -c "
                          + (megabytes * 1_000_000L)
                          + " /dev/zero | nc -N "
                          + address
                          + " "
                          + port)));
      double took = (System.nanoTime() - start) / 1e9;
      if (!sent.succeeded()) {
        throw new AssertionError("transfer to " + address + " failed: " + sent.output());
      }
      seconds.add(took);
    }
    java.util.Collections.sort(seconds);
    double median = seconds.get(seconds.size() / 2);
    return String.format(java.util.Locale.ROOT, "%.0f MB/s (%.2f s)", megabytes / median, median);
  }

  String logs() {
    StringBuilder all = new StringBuilder();
    for (NetnsProcess process : processes) {
      all.append(process.logTail(25));
    }
    for (Agent agent : agents) {
      if (agent.process().isAlive()) {
        all.append(agent.dataPlaneState());
      }
    }
    return all.toString();
  }

  private NetnsProcess track(NetnsProcess process) {
    processes.add(process);
    return process;
  }

  /** Stops the agent with SIGTERM: it removes its port filter and interface on the way out. */
  void stop(Agent agent) {
    agent.process().close();
  }

  /** SIGKILL: the agent gets no chance to remove its interface and packet filter. */
  void kill(Agent agent) {
    agent.process().kill();
  }

  /** Runs {@code meshward-agent down} for the agent's state directory, in its namespace. */
  Shell down(Agent agent) {
    return Shell.run(
        NetnsTopology.in(
            agent.namespace(),
            List.of(
                java(),
                "-jar",
                jar("meshward.e2e.agent-jar").toString(),
                "down",
                "--state-dir",
                agent.stateDir().toString())));
  }

  /** Stops everything in reverse start order: agents and listeners, then relay and coordinator. */
  @Override
  public void close() {
    List<NetnsProcess> reversed = new ArrayList<>(processes);
    java.util.Collections.reverse(reversed);
    for (NetnsProcess process : reversed) {
      process.close();
    }
  }
}
