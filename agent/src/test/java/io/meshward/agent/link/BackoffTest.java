package io.meshward.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheCapWithJitterInTheUpperHalf() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), new Random(42));
    long[] ceilings = {500, 1000, 2000, 4000, 8000, 8000, 8000};
    for (long ceiling : ceilings) {
      long wait = backoff.next().toMillis();
      assertThat(wait).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void jitterSpreadsAgentsApart() {
    var waits = new java.util.HashSet<Long>();
    Random random = new Random(7);
    for (int agent = 0; agent < 50; agent++) {
      Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), random);
      backoff.next();
      waits.add(backoff.next().toMillis());
    }
    assertThat(waits.size()).isGreaterThan(40);
  }

  @Test
  void resetStartsOver() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(1));
    for (int i = 0; i < 10; i++) {
      backoff.next();
    }
    backoff.reset();
    assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
  }

  @Test
  void neverOverflows() {
    Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofHours(1), new Random(3));
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofHours(1)).isPositive();
    }
  }
}
