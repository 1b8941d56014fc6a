package io.meshward.relay.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairSetTest {

  @Test
  void agreesWithAHashSetOnRandomPairsInBothOrders() {
    Random random = new Random(42);
    Set<Long> expected = new HashSet<>();
    PairSet.Builder builder = new PairSet.Builder(10);
    for (int i = 0; i < 50_000; i++) {
      int a = 1 + random.nextInt(2_000);
      int b = 1 + random.nextInt(2_000);
      builder.add(a, b);
      if (a != b) {
        expected.add(PairSet.key(a, b));
      }
    }
    PairSet set = builder.build();
    assertThat(set.size()).isEqualTo(expected.size());
    for (int i = 0; i < 200_000; i++) {
      int a = 1 + random.nextInt(2_100);
      int b = 1 + random.nextInt(2_100);
      boolean want = a != b && expected.contains(PairSet.key(a, b));
      assertThat(set.contains(a, b)).isEqualTo(want);
      assertThat(set.contains(b, a)).isEqualTo(want);
    }
  }

  @Test
  void emptyAndSelfPairsContainNothing() {
    assertThat(PairSet.empty().contains(1, 2)).isFalse();
    PairSet set = new PairSet.Builder(1).add(3, 3).add(0, 5).build();
    assertThat(set.size()).isZero();
    assertThat(set.contains(3, 3)).isFalse();
  }
}
