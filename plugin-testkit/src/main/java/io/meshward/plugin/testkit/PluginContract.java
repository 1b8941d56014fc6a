package io.meshward.plugin.testkit;

import io.meshward.plugin.api.Device;
import io.meshward.plugin.host.ArtifactDescriptor;
import io.meshward.plugin.host.Evaluation;
import io.meshward.plugin.host.HostSettings;
import io.meshward.plugin.host.HostedCheck;
import io.meshward.plugin.host.LoadState;
import io.meshward.plugin.host.PluginInfo;
import io.meshward.plugin.host.PostureHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The posture-plugin contract, run on a built plugin artifact. The artifact is copied into a fresh
 * plugin directory and loaded by the same host code the coordinator uses; then every sample device
 * is evaluated three times under a deadline.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> keepsTheContract() {
 *   return PluginContract.forArtifact(Path.of("target/my-plugin-1.0-plugin.zip"))
 *       .withConfig(Map.of("api-url", "http://localhost:9999"))
 *       .dynamicTests();
 * }
 * }</pre>
 */
public final class PluginContract {

  private static final int REPETITIONS = 3;

  private final Path artifact;
  private final Map<String, String> config;
  private final List<Device> devices;
  private final Duration deadline;

  private PluginContract(
      Path artifact, Map<String, String> config, List<Device> devices, Duration deadline) {
    this.artifact = artifact;
    this.config = Map.copyOf(config);
    this.devices = List.copyOf(devices);
    this.deadline = deadline;
  }

  /** The contract for the plugin zip or jar at {@code artifact}, with the sample devices. */
  public static PluginContract forArtifact(Path artifact) {
    return new PluginContract(artifact, Map.of(), SampleDevices.all(), Duration.ofSeconds(2));
  }

  /** Runs with this plugin configuration (what the operator would set). */
  public PluginContract withConfig(Map<String, String> pluginConfig) {
    return new PluginContract(artifact, pluginConfig, devices, deadline);
  }

  /** Also evaluates {@code more} devices. */
  public PluginContract withDevices(List<Device> more) {
    List<Device> all = new ArrayList<>(devices);
    all.addAll(more);
    return new PluginContract(artifact, config, all, deadline);
  }

  /** The deadline of each evaluation (default 2 s, the coordinator's default). */
  public PluginContract withDeadline(Duration perEvaluation) {
    return new PluginContract(artifact, config, devices, perEvaluation);
  }

  /** Runs the contract and reports every violation. */
  public ContractReport run() {
    if (!Files.isRegularFile(artifact)) {
      return new ContractReport(
          Optional.empty(),
          List.of(
              new Violation(
                  ContractRule.LOADS,
                  "no artifact at "
                      + artifact.toAbsolutePath()
                      + "; build the plugin (mvn package) before running the contract")));
    }
    Path root = null;
    try {
      root = Files.createTempDirectory("meshward-contract-");
      Path pluginDir = Files.createDirectories(root.resolve("plugins"));
      Files.copy(artifact, pluginDir.resolve(artifact.getFileName()));
      String id = ArtifactDescriptor.read(artifact).id();
      HostSettings settings =
          HostSettings.defaults(pluginDir, root.resolve("work"))
              .withEvaluationTimeout(deadline)
              .withPluginConfig(Map.of(id, config));
      try (PostureHost host = PostureHost.start(settings, (d, p, before, now) -> {})) {
        return check(host);
      }
    } catch (IOException e) {
      return new ContractReport(
          Optional.empty(),
          List.of(new Violation(ContractRule.LOADS, "cannot read artifact: " + e.getMessage())));
    } finally {
      deleteQuietly(root);
    }
  }

  private ContractReport check(PostureHost host) {
    if (host.plugins().isEmpty()) {
      return new ContractReport(
          Optional.empty(),
          List.of(
              new Violation(
                  ContractRule.LOADS,
                  artifact.getFileName() + " is not a plugin artifact: name it *.zip or *.jar")));
    }
    PluginInfo info = host.plugins().getFirst();
    if (info.state() != LoadState.STARTED) {
      return new ContractReport(
          Optional.of(info),
          List.of(
              new Violation(
                  ContractRule.LOADS,
                  info.state() + ": " + info.lastError().orElse("(no reason given)"))));
    }
    HostedCheck check = host.checks().getFirst();
    List<Violation> violations = new ArrayList<>();
    for (Device device : devices) {
      String on = "device " + device.id() + ": ";
      Evaluation first = host.runner().evaluate(check, device);
      Violation violation =
          switch (first.outcome()) {
            case ANSWERED, BUSY -> null;
            case TIMED_OUT ->
                new Violation(ContractRule.HONOURS_DEADLINE, on + first.result().reason());
            case THREW, CRASHED ->
                new Violation(ContractRule.NO_EXCEPTION_LEAKS, on + first.result().reason());
            case MALFORMED, NO_RESULT ->
                new Violation(ContractRule.DECLARED_FACTS, on + first.result().reason());
          };
      if (violation != null) {
        violations.add(violation);
        continue;
      }
      for (int i = 1; i < REPETITIONS; i++) {
        Evaluation again = host.runner().evaluate(check, device);
        if (again.outcome() != Evaluation.Outcome.ANSWERED
            || !first.result().equals(again.result())) {
          violations.add(
              new Violation(
                  ContractRule.DETERMINISTIC,
                  on + "first " + first.result() + ", then " + again.result()));
          break;
        }
      }
    }
    return new ContractReport(Optional.of(info), violations);
  }

  /** Fails with every violation listed if the plugin breaks the contract. */
  public ContractReport assertSatisfied() {
    ContractReport report = run();
    if (!report.satisfied()) {
      throw new AssertionError(report.toString());
    }
    return report;
  }

  /** One JUnit test per contract rule, for a {@code @TestFactory}. */
  public Stream<DynamicTest> dynamicTests() {
    ContractReport[] report = new ContractReport[1];
    return Stream.of(ContractRule.values())
        .map(
            rule ->
                DynamicTest.dynamicTest(
                    rule.description(),
                    () -> {
                      if (report[0] == null) {
                        report[0] = run();
                      }
                      List<Violation> broken = report[0].violationsOf(rule);
                      if (!broken.isEmpty()) {
                        throw new AssertionError(
                            broken.stream().map(Violation::toString).toList().toString());
                      }
                    }));
  }

  private static void deleteQuietly(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
