package io.meshward.plugins.osversion;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactType;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Passes a device whose operating system is at least the configured minimum for its platform.
 *
 * <p>Configuration: {@code min-windows}, {@code min-macos}, {@code min-ios}, {@code min-android}
 * (minimum {@code os.version}); {@code min-linux-kernel} (minimum {@code os.kernel}); {@code
 * min-linux-<distribution>} such as {@code min-linux-debian=12} (minimum {@code os.version} of that
 * distribution); {@code valid-for} (ISO-8601 duration, default PT15M).
 */
@Extension
public class OsVersionCheck implements PostureCheck {

  private static final Set<String> SIMPLE_PLATFORMS = Set.of("windows", "macos", "ios", "android");
  private static final String LINUX_DISTRIBUTION_PREFIX = "min-linux-";

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of(
        new FactDeclaration("platform", FactType.STRING, "the reported os.platform"),
        new FactDeclaration("version", FactType.STRING, "the reported os.version"),
        new FactDeclaration("minimum", FactType.STRING, "the minimum os.version applied"),
        new FactDeclaration("distribution", FactType.STRING, "the reported Linux distribution"),
        new FactDeclaration("kernel", FactType.STRING, "the reported Linux kernel release"),
        new FactDeclaration("minimum-kernel", FactType.STRING, "the minimum kernel applied"));
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    Duration validity;
    try {
      validity = context.setting("valid-for").map(Duration::parse).orElse(Duration.ofMinutes(15));
    } catch (DateTimeParseException e) {
      return PostureResult.unknown(
          "config valid-for '"
              + context.config().get("valid-for")
              + "' is not an ISO-8601 duration");
    }
    return judge(device, context).validFor(validity);
  }

  private PostureResult judge(Device device, CheckContext context) {
    Optional<String> reported = device.text("os.platform");
    if (reported.isEmpty()) {
      return PostureResult.unknown("device did not report os.platform");
    }
    String platform = reported.get().trim().toLowerCase(Locale.ROOT);
    if (SIMPLE_PLATFORMS.contains(platform)) {
      return judgeVersion(device, context, platform);
    }
    if (platform.equals("linux")) {
      return judgeLinux(device, context);
    }
    return PostureResult.unknown("unsupported os.platform '" + reported.get() + "'");
  }

  private PostureResult judgeVersion(Device device, CheckContext context, String platform) {
    String key = "min-" + platform;
    Optional<String> minimum = context.setting(key);
    if (minimum.isEmpty()) {
      return PostureResult.unknown(
          "no minimum version is configured for " + platform + " (set " + key + ")");
    }
    Optional<String> version = device.text("os.version");
    if (version.isEmpty()) {
      return PostureResult.unknown("device did not report os.version");
    }
    Comparison comparison = compare(platform, "os.version", version.get(), key, minimum.get());
    return comparison
        .toResult()
        .withFact("platform", FactValue.of(platform))
        .withFact("version", FactValue.of(version.get()))
        .withFact("minimum", FactValue.of(minimum.get()));
  }

  private PostureResult judgeLinux(Device device, CheckContext context) {
    Map<String, FactValue> facts = new LinkedHashMap<>();
    facts.put("platform", FactValue.of("linux"));
    List<Comparison> comparisons = new ArrayList<>();

    Optional<String> minimumKernel = context.setting("min-linux-kernel");
    if (minimumKernel.isPresent()) {
      Optional<String> kernel = device.text("os.kernel");
      if (kernel.isEmpty()) {
        return PostureResult.unknown("device did not report os.kernel");
      }
      facts.put("kernel", FactValue.of(kernel.get()));
      facts.put("minimum-kernel", FactValue.of(minimumKernel.get()));
      comparisons.add(
          compare(
              "linux kernel", "os.kernel", kernel.get(), "min-linux-kernel", minimumKernel.get()));
    }

    boolean distributionsConfigured =
        context.config().keySet().stream()
            .anyMatch(
                k -> k.startsWith(LINUX_DISTRIBUTION_PREFIX) && !k.equals("min-linux-kernel"));
    if (distributionsConfigured) {
      Optional<String> distribution =
          device.text("os.distribution").map(d -> d.trim().toLowerCase(Locale.ROOT));
      if (distribution.isEmpty()) {
        return PostureResult.unknown("device did not report os.distribution");
      }
      facts.put("distribution", FactValue.of(distribution.get()));
      String key = LINUX_DISTRIBUTION_PREFIX + distribution.get();
      Optional<String> minimum = context.setting(key);
      if (minimum.isPresent()) {
        Optional<String> version = device.text("os.version");
        if (version.isEmpty()) {
          return PostureResult.unknown("device did not report os.version");
        }
        facts.put("version", FactValue.of(version.get()));
        facts.put("minimum", FactValue.of(minimum.get()));
        comparisons.add(
            compare(distribution.get(), "os.version", version.get(), key, minimum.get()));
      } else if (comparisons.isEmpty()) {
        return PostureResult.unknown(
            "no minimum version is configured for linux distribution '"
                + distribution.get()
                + "' (set "
                + key
                + " or min-linux-kernel)");
      }
    }

    if (comparisons.isEmpty()) {
      return PostureResult.unknown(
          "no minimum version is configured for linux (set min-linux-kernel or"
              + " min-linux-<distribution>)");
    }
    for (Comparison comparison : comparisons) {
      if (comparison.verdictOrder() != 0) {
        return comparison.toResult().withFacts(facts);
      }
    }
    List<String> reasons = comparisons.stream().map(Comparison::reason).toList();
    return PostureResult.pass(String.join("; ", reasons)).withFacts(facts);
  }

  private static Comparison compare(
      String what, String fact, String reported, String key, String configured) {
    Optional<Version> minimum = Version.parse(configured);
    if (minimum.isEmpty()) {
      return new Comparison(2, "config " + key + " '" + configured + "' is not a version number");
    }
    Optional<Version> version = Version.parse(reported);
    if (version.isEmpty()) {
      return new Comparison(2, fact + " '" + reported + "' is not a version number");
    }
    if (version.get().isBelow(minimum.get())) {
      return new Comparison(
          1, what + " " + reported + " is older than the required minimum " + configured);
    }
    return new Comparison(0, what + " " + reported + " meets the minimum " + configured);
  }

  /** One comparison's outcome: 0 pass, 1 fail, 2 unknown. */
  private record Comparison(int verdictOrder, String reason) {
    PostureResult toResult() {
      return switch (verdictOrder) {
        case 0 -> PostureResult.pass(reason);
        case 1 -> PostureResult.fail(reason);
        default -> PostureResult.unknown(reason);
      };
    }
  }
}
