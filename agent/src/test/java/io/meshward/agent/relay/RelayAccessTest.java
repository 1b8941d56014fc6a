package io.meshward.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelayAccessTest {

  @Test
  void theCredentialNeverShowsInToString() {
    RelayAccess access = new RelayAccess("relay.example.com:3478", "top-secret");
    assertThat(access.toString()).contains("relay.example.com:3478").doesNotContain("top-secret");
    assertThat(access.socketAddress().getHostString()).isEqualTo("relay.example.com");
    assertThat(access.socketAddress().getPort()).isEqualTo(3478);
  }

  @Test
  void ipv6AddressesNeedBrackets() {
    assertThat(new RelayAccess("[2001:db8::1]:3478", "c").socketAddress().getHostString())
        .isEqualTo("2001:db8::1");
    assertThatThrownBy(() -> new RelayAccess("2001:db8::1:3478", "c"))
        .hasMessageContaining("brackets");
  }

  @Test
  void badAddressesAndMissingCredentialsSayWhatIsWrong() {
    assertThatThrownBy(() -> new RelayAccess("relay.example.com", "c"))
        .hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> new RelayAccess("relay.example.com:0", "c"))
        .hasMessageContaining("1-65535");
    assertThatThrownBy(() -> new RelayAccess("relay.example.com:3478", ""))
        .hasMessageContaining("without a credential")
        .hasMessageContaining("relay.example.com:3478");
  }

  @Test
  void aRelayIdIsOptionalAndMustFitTheChallenge() {
    assertThat(new RelayAccess("relay.example.com:3478", "c").relayId()).isEmpty();
    assertThat(new RelayAccess("relay.example.com:3478", "c", Optional.of("relay-7")).toString())
        .contains("relay-7");
    assertThatThrownBy(() -> new RelayAccess("relay.example.com:3478", "c", Optional.of("")))
        .hasMessageContaining("1-128 bytes");
    assertThatThrownBy(
            () -> new RelayAccess("relay.example.com:3478", "c", Optional.of("r".repeat(129))))
        .hasMessageContaining("1-128 bytes");
  }

  @Test
  void aLongCredentialIsFineSinceOnlyItsDigestIsUsed() {
    assertThat(new RelayAccess("relay.example.com:3478", "s".repeat(1000)).credential())
        .hasSize(1000);
  }
}
