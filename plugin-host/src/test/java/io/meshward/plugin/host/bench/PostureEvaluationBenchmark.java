package io.meshward.plugin.host.bench;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PluginLog;
import io.meshward.plugin.api.PostureResult;
import io.meshward.plugin.host.Evaluation;
import io.meshward.plugin.host.HostSettings;
import io.meshward.plugin.host.HostedCheck;
import io.meshward.plugin.host.PostureHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host's cost per posture evaluation of one device with the built os-version and
 * disk-encryption plugins: a cached read, a full guarded evaluation (virtual threads, deadline,
 * fact validation), and the plugins' own work called directly, as the baseline to subtract.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PostureEvaluationBenchmark {

  private Path root;
  private PostureHost host;
  private Device device;
  private List<HostedCheck> checks;
  private CheckContext directContext;

  @Setup
  public void start() throws IOException {
    Path built =
        Path.of(System.getProperty("meshward.test.plugins", "plugin-host/target/test-plugins"));
    root = Files.createTempDirectory("posture-bench");
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    for (String artifact : List.of("os-version.zip", "disk-encryption.zip")) {
      Files.copy(built.resolve(artifact), plugins.resolve(artifact));
    }
    Map<String, String> osConfig = Map.of("min-linux-kernel", "6.1", "min-linux-debian", "12");
    host =
        PostureHost.start(
            HostSettings.defaults(plugins, root.resolve("work"))
                .withPluginConfig(Map.of("os-version", osConfig)),
            (d, p, before, now) -> {});
    checks = host.checks();
    device =
        new Device(
            "bench-device",
            Map.of(
                "os.platform", FactValue.of("linux"),
                "os.distribution", FactValue.of("debian"),
                "os.version", FactValue.of("12"),
                "os.kernel", FactValue.of("6.1.0-13-amd64"),
                "disk.volumes",
                    FactValue.fromPlain(
                        List.of(
                            Map.of(
                                "mount",
                                "/",
                                "device",
                                "/dev/mapper/root",
                                "system",
                                true,
                                "encrypted",
                                true,
                                "method",
                                "luks2")))),
            Optional.of(InetAddress.getLoopbackAddress()));
    host.tracker().observe(device);
    directContext = new DirectContext(osConfig);
  }

  @TearDown
  public void stop() throws IOException {
    host.close();
  }

  /** A report equal to the last one, results still valid: served from the cache. */
  @Benchmark
  public Map<String, Evaluation> cached() {
    return host.tracker().observe(device);
  }

  /** Both plugins evaluated through the host: threads, deadline, validation, bookkeeping. */
  @Benchmark
  public Map<String, Evaluation> uncached() {
    return host.runner().evaluateAll(checks, device);
  }

  /** Both plugins called directly on this thread: their own work, without the host. */
  @Benchmark
  public List<PostureResult> direct() throws Exception {
    List<PostureResult> results = new ArrayList<>(2);
    for (HostedCheck check : checks) {
      results.add(check.check().evaluate(device, directContext));
    }
    return results;
  }

  private record DirectContext(Map<String, String> osConfig) implements CheckContext {
    @Override
    public Instant deadline() {
      return Instant.MAX;
    }

    @Override
    public HttpClient httpClient() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, String> config() {
      return osConfig;
    }

    @Override
    public PluginLog log() {
      throw new UnsupportedOperationException();
    }
  }
}
