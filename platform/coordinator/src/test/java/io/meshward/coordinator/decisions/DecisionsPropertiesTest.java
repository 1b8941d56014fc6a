package io.meshward.coordinator.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The typed {@code meshward.decisions.*} settings, bound as the coordinator binds them. */
class DecisionsPropertiesTest {

  private static DecisionsProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("meshward.decisions", DecisionsProperties.class);
  }

  @Test
  void defaultsToTheInProcessEngine() {
    DecisionsProperties p = bind(Map.of());
    assertThat(p.engine()).isEqualTo(EngineKind.REGO);
    assertThat(p.timeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(p.stepLimit()).isEqualTo(1_000_000L);
  }

  @Test
  void opaNeedsAnAddress() {
    DecisionsProperties p =
        bind(
            Map.of(
                "meshward.decisions.engine", "opa",
                "meshward.decisions.opa.url", "http://127.0.0.1:8181",
                "meshward.decisions.opa.token", "s3cret",
                "meshward.decisions.timeout", "50ms",
                "meshward.decisions.step-limit", "5000"));
    assertThat(p.engine()).isEqualTo(EngineKind.OPA);
    assertThat(p.opa().url()).hasToString("http://127.0.0.1:8181");
    assertThat(p.timeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(p.stepLimit()).isEqualTo(5000L);

    assertThatThrownBy(() -> bind(Map.of("meshward.decisions.engine", "opa")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("meshward.decisions.opa.url");
    assertThatThrownBy(() -> bind(Map.of("meshward.decisions.timeout", "0s")))
        .rootCause()
        .hasMessageContaining("timeout must be positive");
  }
}
