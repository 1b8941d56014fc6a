package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.agent.wireguard.WireGuardPeer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeshRoutesTest {

  private static final String KEY = "A".repeat(43) + "=";

  @Test
  void routesOnlyWhatTheInterfaceSubnetDoesNotCover() {
    List<WireGuardPeer> peers =
        List.of(
            new WireGuardPeer(KEY, "100.64.0.2/32", Optional.empty()),
            new WireGuardPeer(KEY, "10.9.0.0/24,0.0.0.0/0", Optional.empty()));

    assertThat(MeshRoutes.needed("100.64.0.1/10", peers))
        .containsExactly(Cidr.parse("10.9.0.0/24"));
    assertThat(MeshRoutes.needed("100.64.0.1/32", peers))
        .containsExactly(Cidr.parse("100.64.0.2/32"), Cidr.parse("10.9.0.0/24"));
  }
}
