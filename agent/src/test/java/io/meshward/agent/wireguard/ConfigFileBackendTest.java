package io.meshward.agent.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.agent.keys.WireGuardKeyPair;
import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.state.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileBackendTest {

  @TempDir Path temp;

  private final WireGuardKeyPair self = WireGuardKeys.generate();
  private final String peerA = WireGuardKeys.generate().publicKeyBase64();
  private final String peerB = WireGuardKeys.generate().publicKeyBase64();

  @Test
  void writesWgQuickConfigWith0600() throws Exception {
    var backend = new ConfigFileBackend(new StateDirectory(temp));

    backend.apply(
        new InterfaceConfig(
            "meshward0",
            self.privateKeyBase64(),
            "100.64.0.7/10",
            51820,
            List.of(
                new WireGuardPeer(peerA, "100.64.0.8/32", Optional.of("192.0.2.10:51820"), 25),
                new WireGuardPeer(peerB, "100.64.0.9/32", Optional.empty()))));

    Path file = temp.resolve("wg/meshward0.conf");
    assertThat(Files.readString(file))
        .isEqualTo(
            "# Written by meshward-agent; changes are overwritten.\n"
                + "[Interface]\n"
                + "PrivateKey = "
                + self.privateKeyBase64()
                + "\n"
                + "Address = 100.64.0.7/10\n"
                + "ListenPort = 51820\n"
                + "\n[Peer]\n"
                + "PublicKey = "
                + peerA
                + "\n"
                + "AllowedIPs = 100.64.0.8/32\n"
                + "Endpoint = 192.0.2.10:51820\n"
                + "PersistentKeepalive = 25\n"
                + "\n[Peer]\n"
                + "PublicKey = "
                + peerB
                + "\n"
                + "AllowedIPs = 100.64.0.9/32\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    backend.remove("meshward0");
    assertThat(file).doesNotExist();
  }

  @Test
  void aValueThatCouldInjectLinesIsRefusedAndTheOldFileStays() throws Exception {
    var backend = new ConfigFileBackend(new StateDirectory(temp));
    backend.apply(
        new InterfaceConfig("mw0", self.privateKeyBase64(), "100.64.0.7/10", 0, List.of()));
    String before = Files.readString(temp.resolve("wg/mw0.conf"));

    assertThatThrownBy(
            () ->
                backend.apply(
                    new InterfaceConfig(
                        "mw0",
                        self.privateKeyBase64(),
                        "100.64.0.7/10",
                        0,
                        List.of(
                            new WireGuardPeer(
                                peerA,
                                "100.64.0.8/32",
                                Optional.of("1.2.3.4:5\nPostUp = rm -rf /"))))))
        .hasMessageContaining("endpoint");
    assertThat(Files.readString(temp.resolve("wg/mw0.conf"))).isEqualTo(before);
  }

  @Test
  void hostRoutesAndInterfaceNames() {
    assertThat(WgQuickFormat.hostRoute("100.64.0.8")).isEqualTo("100.64.0.8/32");
    assertThat(WgQuickFormat.hostRoute("100.64.0.8/10")).isEqualTo("100.64.0.8/32");
    assertThat(WgQuickFormat.hostRoute("fd00::8")).isEqualTo("fd00::8/128");
    assertThat(WgQuickFormat.isValidEndpoint("[2001:db8::1]:51820")).isTrue();
    assertThatThrownBy(() -> InterfaceConfig.requireInterfaceName("../../etc/passwd"))
        .hasMessageContaining("not valid");
    assertThatThrownBy(() -> InterfaceConfig.requireInterfaceName("a-very-long-interface"))
        .hasMessageContaining("1-15");
  }
}
