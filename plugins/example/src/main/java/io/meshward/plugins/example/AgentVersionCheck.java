package io.meshward.plugins.example;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactType;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Passes devices whose Meshward agent is at least the version configured as {@code minimum} (for
 * example {@code 0.2.0}).
 */
@Extension
public class AgentVersionCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of(
        new FactDeclaration("agent-version", FactType.STRING, "the reported agent.version"),
        new FactDeclaration("up-to-date", FactType.BOOLEAN, "whether it meets the minimum"));
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    Optional<String> minimum = context.setting("minimum");
    if (minimum.isEmpty()) {
      return PostureResult.unknown("no minimum agent version is configured (set minimum)");
    }
    Optional<String> version = device.text("agent.version");
    if (version.isEmpty()) {
      return PostureResult.unknown("device did not report agent.version");
    }
    Optional<int[]> have = parse(version.get());
    Optional<int[]> need = parse(minimum.get());
    if (have.isEmpty() || need.isEmpty()) {
      return PostureResult.unknown(
          "cannot compare agent.version '" + version.get() + "' with '" + minimum.get() + "'");
    }
    boolean upToDate = Arrays.compare(have.get(), need.get()) >= 0;
    PostureResult result =
        upToDate
            ? PostureResult.pass("agent " + version.get() + " is at least " + minimum.get())
            : PostureResult.fail("agent " + version.get() + " is older than " + minimum.get());
    return result
        .withFact("agent-version", FactValue.of(version.get()))
        .withFact("up-to-date", FactValue.of(upToDate))
        .validFor(Duration.ofMinutes(10));
  }

  /** {@code 1.2.3} to {@code [1, 2, 3]}; empty if it is not dotted numbers. */
  private static Optional<int[]> parse(String version) {
    try {
      return Optional.of(
          Arrays.stream(version.trim().split("\\.")).mapToInt(Integer::parseInt).toArray());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
