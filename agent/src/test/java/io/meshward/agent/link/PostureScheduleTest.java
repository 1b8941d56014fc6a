package io.meshward.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostureScheduleTest {

  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  private final PostureSchedule schedule = new PostureSchedule(Duration.ofSeconds(60));

  @Test
  void reportsFirstOnChangeAndWhenTheIntervalPassed() {
    Map<String, Object> facts = Map.of("os.version", "12");

    assertThat(schedule.shouldReport(facts, t0)).isTrue();
    assertThat(schedule.shouldReport(Map.of("os.version", "12"), t0.plusSeconds(10))).isFalse();
    assertThat(schedule.shouldReport(Map.of("os.version", "11"), t0.plusSeconds(20))).isTrue();
    assertThat(schedule.shouldReport(Map.of("os.version", "11"), t0.plusSeconds(79))).isFalse();
    assertThat(schedule.shouldReport(Map.of("os.version", "11"), t0.plusSeconds(80))).isTrue();
  }

  @Test
  void retriesAfterAFailureOrAReconnect() {
    Map<String, Object> facts = Map.of("os.version", "12");
    schedule.shouldReport(facts, t0);

    schedule.failed();
    assertThat(schedule.shouldReport(facts, t0.plusSeconds(1))).isTrue();
    assertThat(schedule.shouldReport(facts, t0.plusSeconds(2))).isFalse();
    schedule.reconnected();
    assertThat(schedule.shouldReport(facts, t0.plusSeconds(3))).isTrue();
  }
}
