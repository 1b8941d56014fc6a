package io.meshward.agent.dataplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Throw-away network namespaces ({@code mw-<random>-<suffix>}) joined by veth links, for tests that
 * change interfaces and firewall rules. Everything runs inside them; the host's own interfaces,
 * routes and tables are never touched. {@link #close()} (and, if the JVM dies first, a shutdown
 * hook) removes them with every process still running inside; leftovers of dead test runs are
 * cleaned when the next fixture starts.
 */
final class NetworkNamespaces implements AutoCloseable {

  static final String PREFIX = "mw-";

  /** Which JVM owns which namespace, so a concurrent test run never cleans up ours. */
  private static final Path OWNERS = Path.of("/run/meshward-test-netns");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final String id;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Thread shutdownHook;
  private int links;

  private NetworkNamespaces(String id) {
    this.id = id;
    this.shutdownHook = new Thread(this::cleanUp, "network-namespace-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static NetworkNamespaces create() {
    cleanLeftovers();
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    return new NetworkNamespaces(HexFormat.of().formatHex(random));
  }

  /** Adds namespace {@code mw-<id>-<suffix>} with its loopback up, and returns its name. */
  String add(String suffix) {
    String name = PREFIX + id + "-" + suffix;
    namespaces.add(name);
    host("ip", "netns", "add", name);
    try {
      Files.createDirectories(OWNERS);
      Files.writeString(OWNERS.resolve(name), Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot record the owner of " + name, e);
    }
    in(name, "ip", "link", "set", "dev", "lo", "up");
    return name;
  }

  /** A veth pair between two namespaces, with an address at each end, both up. */
  void link(String left, String leftAddress, String right, String rightAddress) {
    int n = links++;
    String leftEnd = "veth" + n + "l";
    String rightEnd = "veth" + n + "r";
    // Both ends are born inside their namespaces: no interface ever appears on the host.
    host(
        "ip", "link", "add", "name", leftEnd, "netns", left, "type", "veth", "peer", "name",
        rightEnd, "netns", right);
    in(left, "ip", "address", "add", leftAddress, "dev", leftEnd);
    in(right, "ip", "address", "add", rightAddress, "dev", rightEnd);
    in(left, "ip", "link", "set", "dev", leftEnd, "up");
    in(right, "ip", "link", "set", "dev", rightEnd, "up");
  }

  /** A WireGuard interface name unique on this host: {@code mw<id><suffix>}. */
  String interfaceName(String suffix) {
    return "mw" + id + suffix;
  }

  CommandRunner runner(String namespace) {
    return ProcessCommandRunner.inNamespace(namespace);
  }

  /** Runs a command inside the namespace; fails the test when it fails. */
  String in(String namespace, String... command) {
    return runner(namespace).check(command);
  }

  /** Starts a long-running command inside the namespace; it is stopped on {@link #close()}. */
  Process start(String namespace, String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    Process process =
        new ProcessBuilder(full)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(process);
    return process;
  }

  /** One ping from inside the namespace; true when the reply came back. */
  boolean ping(String namespace, String address) {
    return runner(namespace).run("ping", "-n", "-c", "1", "-W", "3", address).succeeded();
  }

  /** Whether a TCP connection from inside the namespace is accepted within a few seconds. */
  boolean connects(String namespace, String address, int port) {
    return runner(namespace)
        .run("nc", "-z", "-n", "-w", "3", address, Integer.toString(port))
        .succeeded();
  }

  /** Waits (generously) until the condition holds; false if it never did. */
  static boolean eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run; nothing left to do.
    }
  }

  private synchronized void cleanUp() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    processes.clear();
    for (String namespace : namespaces) {
      delete(namespace);
    }
    namespaces.clear();
  }

  /** Removes {@code mw-} namespaces whose owning test JVM is gone (or unknown). */
  private static void cleanLeftovers() {
    String listing = ProcessCommandRunner.direct().check("ip", "netns", "list");
    for (String line : listing.split("\n")) {
      String name = line.trim().split("\\s+")[0];
      if (name.matches("mw-[0-9a-f]{6}-[a-z0-9]+") && !ownerAlive(name)) {
        delete(name);
      }
    }
  }

  private static boolean ownerAlive(String namespace) {
    try {
      long pid = Long.parseLong(Files.readString(OWNERS.resolve(namespace)).strip());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * Stops the processes inside the namespace (wireguard-go keeps a namespace alive after {@code ip
   * netns delete}), then deletes it.
   */
  private static void delete(String namespace) {
    CommandRunner host = ProcessCommandRunner.direct();
    for (String pid : host.run("ip", "netns", "pids", namespace).stdout().split("\\s+")) {
      if (pid.matches("[0-9]+")) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(NetworkNamespaces::stop);
      }
    }
    host.run("ip", "netns", "delete", namespace);
    try {
      Files.deleteIfExists(OWNERS.resolve(namespace));
    } catch (IOException ignored) {
      // The marker only guards against cleaning a live run; a stale one is cleaned next time.
    }
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private static void host(String... command) {
    ProcessCommandRunner.direct().check(command);
  }
}
