package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WgShowOutputTest {

  private static final String KEY_1 = "A".repeat(43) + "=";
  private static final String KEY_2 = "B".repeat(43) + "=";

  @Test
  void joinsThePerFieldListings() {
    Map<String, LivePeer> peers =
        WgShowOutput.peers(
            KEY_1 + "\t10.0.0.1/32 10.0.1.0/24\n" + KEY_2 + "\t(none)\n",
            KEY_1 + "\t192.0.2.1:51820\n" + KEY_2 + "\t(none)\n",
            KEY_1 + "\t1764061200\n" + KEY_2 + "\t0\n",
            KEY_1 + "\t25\n" + KEY_2 + "\toff\n");

    assertThat(peers)
        .containsEntry(
            KEY_1,
            new LivePeer(
                KEY_1,
                Set.of("10.0.0.1/32", "10.0.1.0/24"),
                Optional.of("192.0.2.1:51820"),
                1764061200,
                25))
        .containsEntry(KEY_2, new LivePeer(KEY_2, Set.of(), Optional.empty(), 0));
  }

  @Test
  void noPeersIsEmpty() {
    assertThat(WgShowOutput.peers("", "", "", "")).isEmpty();
  }
}
