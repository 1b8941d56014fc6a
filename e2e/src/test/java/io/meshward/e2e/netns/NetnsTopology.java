package io.meshward.e2e.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The namespaces of one test run: a hub namespace (coordinator and relay, address {@value #HUB})
 * joined to the test's own namespace by a veth pair, and one namespace per agent joined to the hub
 * by its own veth pair ({@code 10.214.<n>.2/24}, the hub side {@code .1}). The hub routes between
 * agents only while forwarding is on, and never to or from the test's namespace. Every name starts
 * with {@code mw-e2n<run>}; runs whose JVM died are removed by the next run.
 */
final class NetnsTopology implements AutoCloseable {

  /** The hub's address: where agents find the coordinator and the relay, and the test too. */
  static final String HUB = "10.214.0.2";

  private static final String PREFIX = "mw-e2n";
  private static final Path RUNS = Path.of("/tmp/meshward-e2e-netns");

  private final String run;
  private final String hub;
  private final Map<String, Integer> agents = new LinkedHashMap<>();
  private final Thread hook;
  private boolean closed;

  private NetnsTopology(String run) {
    this.run = run;
    this.hub = PREFIX + run + "-hub";
    this.hook = new Thread(this::close, "netns-cleanup-" + run);
  }

  static NetnsTopology create() {
    removeDeadRuns();
    removeDeadMarkers();
    String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    NetnsTopology topology = new NetnsTopology(run);
    Runtime.getRuntime().addShutdownHook(topology.hook);
    try {
      Files.createDirectories(RUNS);
      Files.writeString(RUNS.resolve(run), Long.toString(ProcessHandle.current().pid()));
      topology.createHub();
      return topology;
    } catch (IOException e) {
      topology.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
  }

  private void createHub() {
    Shell.check("ip", "netns", "add", hub);
    exec(hub, "ip", "link", "set", "lo", "up");
    String outer = linkName("r0");
    String inner = linkName("h0");
    Shell.check("ip", "link", "add", outer, "type", "veth", "peer", "name", inner, "netns", hub);
    Shell.check("ip", "address", "add", "10.214.0.1/30", "dev", outer);
    Shell.check("ip", "link", "set", outer, "up");
    exec(hub, "ip", "address", "add", HUB + "/30", "dev", inner);
    exec(hub, "ip", "link", "set", inner, "up");
    // The hub never forwards to or from the test's namespace, whatever ip_forward says.
    String rules =
        "table inet mw_e2n {\n"
            + "  chain forward {\n"
            + "    type filter hook forward priority 0; policy accept;\n"
            + "    iifname \""
            + inner
            + "\" drop\n"
            + "    oifname \""
            + inner
            + "\" drop\n"
            + "  }\n"
            + "}\n";
    nft(hub, rules);
    forwarding(false);
  }

  private static void nft(String namespace, String script) {
    try {
      Path file = Files.createTempFile("mw-e2n", ".nft");
      try {
        Files.writeString(file, script);
        exec(namespace, "nft", "-f", file.toString());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the hub routes between agent namespaces (a direct path) or not (relay only). */
  void forwarding(boolean on) {
    exec(hub, "sysctl", "-q", "-w", "net.ipv4.ip_forward=" + (on ? 1 : 0));
  }

  /** Adds an agent namespace {@code n} (1..200) and returns its name. */
  String addAgent(String role, int n) {
    String namespace = PREFIX + run + "-" + role;
    Shell.check("ip", "netns", "add", namespace);
    agents.put(namespace, n);
    exec(namespace, "ip", "link", "set", "lo", "up");
    String inner = linkName("a" + n);
    String outer = linkName("h" + n);
    Shell.check(
        "ip", "link", "add", inner, "netns", namespace, "type", "veth", "peer", "name", outer,
        "netns", hub);
    exec(namespace, "ip", "address", "add", underlay(n) + "/24", "dev", inner);
    exec(namespace, "ip", "link", "set", inner, "up");
    exec(hub, "ip", "address", "add", "10.214." + n + ".1/24", "dev", outer);
    exec(hub, "ip", "link", "set", outer, "up");
    exec(namespace, "ip", "route", "add", "default", "via", "10.214." + n + ".1");
    return namespace;
  }

  /** The address of agent {@code n} on its veth link. */
  static String underlay(int n) {
    return "10.214." + n + ".2";
  }

  /** A unique WireGuard interface name (wireguard-go sockets are shared by all namespaces). */
  String interfaceName(String role) {
    return "mw" + run + "w" + role;
  }

  String hub() {
    return hub;
  }

  /** This run's random id, part of every name it creates. */
  String run() {
    return run;
  }

  /** The command prefix that runs something inside a namespace. */
  static List<String> in(String namespace, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    return full;
  }

  static String exec(String namespace, String... command) {
    return Shell.check(in(namespace, List.of(command)).toArray(String[]::new));
  }

  /** Whether a TCP connection from {@code namespace} to {@code address:port} is accepted. */
  static boolean tcpConnects(String namespace, String address, int port) {
    return Shell.run(in(namespace, List.of("nc", "-z", "-w", "3", address, String.valueOf(port))))
        .succeeded();
  }

  private String linkName(String suffix) {
    return "mw" + run + suffix;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<String> namespaces = new ArrayList<>(agents.keySet());
    namespaces.add(hub);
    for (String namespace : namespaces) {
      removeNamespace(namespace);
    }
    removeRootLink(run);
    removeSockets(run);
    try {
      Files.deleteIfExists(RUNS.resolve(run));
    } catch (IOException ignored) {
      // A stale marker only makes the next run check for this run's (absent) namespaces.
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // Running as the hook.
    }
  }

  /** Kills what still runs inside (wireguard-go daemons, listeners), then deletes it. */
  private static void removeNamespace(String namespace) {
    Shell pids = Shell.run("ip", "netns", "pids", namespace);
    if (pids.succeeded()) {
      pids.output()
          .lines()
          .map(String::strip)
          .filter(p -> p.matches("\\d+"))
          .forEach(
              p -> ProcessHandle.of(Long.parseLong(p)).ifPresent(ProcessHandle::destroyForcibly));
    }
    Shell.run("ip", "netns", "delete", namespace);
  }

  /** The test-side end of the hub link (it outlives the hub while processes still hold it). */
  private static void removeRootLink(String run) {
    String link = "mw" + run + "r0";
    if (Shell.run("ip", "link", "show", "dev", link).succeeded()) {
      Shell.run("ip", "link", "delete", link);
    }
  }

  private static void removeSockets(String run) {
    Path sockets = Path.of("/var/run/wireguard");
    if (!Files.isDirectory(sockets)) {
      return;
    }
    try (var files = Files.list(sockets)) {
      for (Path socket :
          files.filter(f -> f.getFileName().toString().startsWith("mw" + run)).toList()) {
        Files.deleteIfExists(socket);
      }
    } catch (IOException ignored) {
      // Stale sockets are harmless: the names are random per run.
    }
  }

  /** Removes namespaces of earlier runs whose JVM is gone (a killed build leaves them behind). */
  private static void removeDeadRuns() {
    Shell list = Shell.run("ip", "netns", "list");
    if (!list.succeeded()) {
      return;
    }
    for (String line : list.output().lines().toList()) {
      String namespace = line.strip().split("\\s+")[0];
      if (!namespace.startsWith(PREFIX) || namespace.length() < PREFIX.length() + 7) {
        continue;
      }
      String run = namespace.substring(PREFIX.length(), PREFIX.length() + 6);
      if (!alive(run)) {
        removeNamespace(namespace);
        removeRootLink(run);
        removeSockets(run);
        try {
          Files.deleteIfExists(RUNS.resolve(run));
        } catch (IOException ignored) {
          // Checked again next time.
        }
      }
    }
  }

  /** Runs that left a marker but no namespace (killed between the two) still own a link. */
  private static void removeDeadMarkers() {
    if (!Files.isDirectory(RUNS)) {
      return;
    }
    try (var markers = Files.list(RUNS)) {
      for (Path marker : markers.toList()) {
        String run = marker.getFileName().toString();
        if (run.matches("[0-9a-f]{6}") && !alive(run)) {
          removeRootLink(run);
          removeSockets(run);
          Files.deleteIfExists(marker);
        }
      }
    } catch (IOException ignored) {
      // Checked again next time.
    }
  }

  private static boolean alive(String run) {
    try {
      long pid = Long.parseLong(Files.readString(RUNS.resolve(run)).strip());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
