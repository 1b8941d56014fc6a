package io.meshward.coordinator.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeshAddressAllocatorTest {

  private static String first(String range, List<String> used) {
    var picked = MeshAddressAllocator.firstFree(MeshAddressAllocator.Range.parse(range), used);
    return picked.isPresent() ? MeshAddressAllocator.toDotted(picked.getAsInt()) : null;
  }

  @Test
  void skipsTheNetworkAddressAndFillsGapsFirst() {
    assertThat(first("100.64.0.0/10", List.of())).isEqualTo("100.64.0.1");
    assertThat(first("100.64.0.0/10", List.of("100.64.0.1", "100.64.0.3"))).isEqualTo("100.64.0.2");
    assertThat(first("100.64.0.0/10", List.of("100.64.0.1", "100.64.0.2"))).isEqualTo("100.64.0.3");
    assertThat(first("100.127.255.0/24", List.of())).isEqualTo("100.127.255.1");
  }

  @Test
  void aFullRangeHasNoAddressLeftAndTheBroadcastAddressIsNeverUsed() {
    assertThat(first("10.0.0.0/30", List.of("10.0.0.1"))).isEqualTo("10.0.0.2");
    assertThat(first("10.0.0.0/30", List.of("10.0.0.1", "10.0.0.2"))).isNull();
  }

  @Test
  void malformedRangesAreRefused() {
    assertThatThrownBy(() -> MeshAddressAllocator.Range.parse("100.64.0.0"))
        .hasMessageContaining("CIDR");
    assertThatThrownBy(() -> MeshAddressAllocator.Range.parse("100.64.0.0/31"))
        .hasMessageContaining("/8 to /30");
    assertThatThrownBy(() -> MeshAddressAllocator.Range.parse("300.64.0.0/10"))
        .hasMessageContaining("IPv4");
  }

  @Test
  void wireGuardKeysMustBe32BytesOfBase64() {
    assertThat(WireGuardKeys.requireValid("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="))
        .isNotNull();
    assertThatThrownBy(
            () -> WireGuardKeys.requireValid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        .hasMessageContaining("zeros");
    assertThatThrownBy(
            () -> WireGuardKeys.requireValid("not base64 at all, but 44 characters long=="))
        .hasMessageContaining("wireguard_public_key");
    assertThatThrownBy(() -> WireGuardKeys.requireValid("AQID")).hasMessageContaining("44");
  }
}
