package io.meshward.agent.dataplane;

import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.wireguard.InterfaceConfig;
import io.meshward.agent.wireguard.WgQuickFormat;
import io.meshward.agent.wireguard.WireGuardBackend;
import io.meshward.agent.wireguard.WireGuardPeer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives the userspace {@code wireguard-go} with the {@code wg} and {@code ip} tools.
 *
 * <p>The first {@link #apply} creates the interface; later ones change only what differs, peer by
 * peer, so tunnels to peers that stay keep their sessions. wireguard-go's control sockets live in
 * one directory shared by every network namespace, so an interface name must be unique on the host,
 * not only in its namespace.
 */
public final class WireGuardGoBackend implements WireGuardBackend {

  public static final Path DEFAULT_SOCKET_DIRECTORY = Path.of("/var/run/wireguard");

  /** Without it wireguard-go refuses to start where the kernel could offer WireGuard itself. */
  static final Map<String, String> WIREGUARD_GO_ENVIRONMENT =
      Map.of("WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD", "1");

  private final CommandRunner runner;
  private final Path socketDirectory;
  private final InterfaceAddresses addresses;

  public WireGuardGoBackend(CommandRunner runner) {
    this(runner, DEFAULT_SOCKET_DIRECTORY);
  }

  public WireGuardGoBackend(CommandRunner runner, Path socketDirectory) {
    this.runner = runner;
    this.socketDirectory = socketDirectory;
    this.addresses = new InterfaceAddresses(runner);
  }

  @Override
  public synchronized void apply(InterfaceConfig config) {
    String publicKey = validate(config);
    String name = config.interfaceName();
    boolean existed = exists(name);
    if (existed) {
      requireWireGuard(name);
    } else {
      create(name);
    }
    try {
      configure(config, publicKey, existed);
    } catch (RuntimeException e) {
      if (!existed) {
        // Nothing half-made stays behind: the interface this call created goes again.
        try {
          deleteLink(name);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  @Override
  public synchronized void remove(String interfaceName) {
    InterfaceConfig.requireInterfaceName(interfaceName);
    if (!exists(interfaceName)) {
      return;
    }
    requireWireGuard(interfaceName);
    deleteLink(interfaceName);
  }

  @Override
  public String describe(String interfaceName) {
    return "wireguard-go interface "
        + interfaceName
        + " (control socket "
        + socketPath(interfaceName)
        + ")";
  }

  /** Whether a link with this name exists where the runner runs. */
  public boolean exists(String interfaceName) {
    InterfaceConfig.requireInterfaceName(interfaceName);
    return runner.run("ip", "link", "show", "dev", interfaceName).succeeded();
  }

  /** The peers the running interface has, by public key. */
  public Map<String, LivePeer> peers(String interfaceName) {
    InterfaceConfig.requireInterfaceName(interfaceName);
    return WgShowOutput.peers(
        runner.check("wg", "show", interfaceName, "allowed-ips"),
        runner.check("wg", "show", interfaceName, "endpoints"),
        runner.check("wg", "show", interfaceName, "latest-handshakes"),
        runner.check("wg", "show", interfaceName, "persistent-keepalive"));
  }

  /** The kernel's index of the interface; it changes when the interface is recreated. */
  public int interfaceIndex(String interfaceName) {
    InterfaceConfig.requireInterfaceName(interfaceName);
    String line = runner.check("ip", "-o", "link", "show", "dev", interfaceName).strip();
    return Integer.parseInt(line.substring(0, line.indexOf(':')));
  }

  private static String validate(InterfaceConfig config) {
    if (config.privateKey() == null || !WgQuickFormat.isValidKey(config.privateKey())) {
      throw new IllegalArgumentException(
          "the private key of " + config.interfaceName() + " is not a WireGuard key");
    }
    Cidr.parse(config.address());
    if (config.listenPort() < 0 || config.listenPort() > 65535) {
      throw new IllegalArgumentException("listen port " + config.listenPort() + " is not 0-65535");
    }
    Set<String> keys = new HashSet<>();
    for (WireGuardPeer peer : config.peers()) {
      if (!WgQuickFormat.isValidKey(peer.publicKey())) {
        throw new IllegalArgumentException("peer key '" + peer.publicKey() + "' is not valid");
      }
      if (!keys.add(peer.publicKey())) {
        throw new IllegalArgumentException("peer " + peer.publicKey() + " is listed twice");
      }
      PeerChanges.normalisedAllowedIps(peer);
      peer.endpoint()
          .filter(endpoint -> !WgQuickFormat.isValidEndpoint(endpoint))
          .ifPresent(
              endpoint -> {
                throw new IllegalArgumentException("not a host:port endpoint: " + endpoint);
              });
    }
    return WireGuardKeys.fromPrivateKey(config.privateKey()).publicKeyBase64();
  }

  private void create(String name) {
    Path socket = socketPath(name);
    if (socketInUse(socket)) {
      throw new DataPlaneException(
          "the interface name "
              + name
              + " is already used by a running wireguard-go on this host (control socket "
              + socket
              + "): WireGuard interface names must be unique per host, across all network"
              + " namespaces; choose another name");
    }
    CommandResult result =
        runner.run(List.of("wireguard-go", name), WIREGUARD_GO_ENVIRONMENT, new byte[0]);
    if (!result.succeeded()) {
      throw new DataPlaneException(
          "wireguard-go could not create "
              + name
              + " (exit code "
              + result.exitCode()
              + "): "
              + result.stderr().strip()
              + " (it needs root or CAP_NET_ADMIN and /dev/net/tun)");
    }
    if (!exists(name)) {
      throw new DataPlaneException("wireguard-go exited without creating " + name);
    }
  }

  private void configure(InterfaceConfig config, String publicKey, boolean existed) {
    String name = config.interfaceName();
    List<String> command = new ArrayList<>(List.of("wg", "set", name));
    byte[] input = new byte[0];
    if (config.listenPort() > 0
        && (!existed
            || !runner
                .check("wg", "show", name, "listen-port")
                .strip()
                .equals(Integer.toString(config.listenPort())))) {
      command.addAll(List.of("listen-port", Integer.toString(config.listenPort())));
    }
    if (!existed || !runner.check("wg", "show", name, "public-key").strip().equals(publicKey)) {
      // The key travels on standard input: never on a command line, never in a file of ours.
      command.addAll(List.of("private-key", "/dev/stdin"));
      input = (config.privateKey() + "\n").getBytes(StandardCharsets.US_ASCII);
    }
    if (command.size() > 3) {
      runner.run(command, Map.of(), input).requireSuccess();
    }
    PeerChanges changes = PeerChanges.between(existed ? peers(name) : Map.of(), config.peers());
    for (List<String> peerArguments : changes.wgSetArguments()) {
      List<String> call = new ArrayList<>(List.of("wg", "set", name));
      call.addAll(peerArguments);
      runner.run(call, Map.of(), new byte[0]).requireSuccess();
    }
    addresses.sync(name, config.address());
    runner.check("ip", "link", "set", "dev", name, "up");
    addresses.syncRoutes(name, MeshRoutes.needed(config.address(), config.peers()));
  }

  private void requireWireGuard(String name) {
    CommandResult result = runner.run("wg", "show", name, "public-key");
    if (!result.succeeded()) {
      throw new DataPlaneException(
          "the interface "
              + name
              + " exists but is not a running WireGuard interface ("
              + result.stderr().strip()
              + "): remove it or choose another name");
    }
  }

  private void deleteLink(String name) {
    runner.check("ip", "link", "delete", "dev", name);
    // wireguard-go notices the link going and exits, removing its socket; give it a moment so
    // the name can be reused right away.
    Path socket = socketPath(name);
    for (int i = 0; i < 50 && Files.exists(socket) && socketInUse(socket); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Path socketPath(String name) {
    return socketDirectory.resolve(name + ".sock");
  }

  private static boolean socketInUse(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
