package io.meshward.plugins.diskencryption;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Passes a device whose system volumes (or the configured mount points) are all encrypted by an
 * accepted method.
 *
 * <p>Configuration: {@code required-mounts} (comma-separated mount points; default: every volume
 * reported with {@code system: true}); {@code accepted-methods} (comma-separated; default {@code
 * luks2,luks1,dm-crypt,bitlocker,filevault}); {@code valid-for} (ISO-8601, default PT15M).
 */
@Extension
public class DiskEncryptionCheck implements PostureCheck {

  private static final String DEFAULT_METHODS = "luks2,luks1,dm-crypt,bitlocker,filevault";

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of(
        new FactDeclaration("checked", FactType.LIST, "the mount points judged"),
        new FactDeclaration(
            "unencrypted", FactType.LIST, "the judged mount points not encrypted acceptably"),
        new FactDeclaration("all-encrypted", FactType.BOOLEAN, "whether every judged one is"));
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
    Optional<FactValue> reported = device.fact("disk.volumes");
    if (reported.isEmpty()) {
      return PostureResult.unknown("device did not report disk.volumes");
    }
    if (!(reported.get() instanceof FactValue.ListValue list)) {
      return PostureResult.unknown("disk.volumes is not a list");
    }
    Map<String, Volume> volumes = new LinkedHashMap<>();
    for (int i = 0; i < list.values().size(); i++) {
      Volume.Result read = Volume.read(list.values().get(i), i);
      if (read.problem().isPresent()) {
        return PostureResult.unknown(read.problem().get());
      }
      Volume volume = read.volume().orElseThrow();
      volumes.put(volume.mount(), volume);
    }

    Set<String> accepted = csv(context.setting("accepted-methods").orElse(DEFAULT_METHODS));
    Set<String> requiredMounts = new LinkedHashSet<>();
    context.setting("required-mounts").ifPresent(m -> requiredMounts.addAll(csvKeepCase(m)));

    List<Volume> judged = new ArrayList<>();
    if (requiredMounts.isEmpty()) {
      volumes.values().stream().filter(Volume::system).forEach(judged::add);
      if (judged.isEmpty()) {
        return PostureResult.unknown("disk.volumes lists no system volume");
      }
    } else {
      for (String mount : requiredMounts) {
        Volume volume = volumes.get(mount);
        if (volume == null) {
          return PostureResult.unknown("required mount point " + mount + " is not in disk.volumes");
        }
        judged.add(volume);
      }
    }

    List<String> unencrypted = new ArrayList<>();
    for (Volume volume : judged) {
      if (!volume.encrypted() || !accepted.contains(volume.method())) {
        unencrypted.add(volume.mount());
      }
    }
    List<FactValue> checked = judged.stream().map(v -> FactValue.of(v.mount())).toList();
    Map<String, FactValue> facts = new LinkedHashMap<>();
    facts.put("checked", FactValue.ofList(checked));
    facts.put("unencrypted", FactValue.ofList(unencrypted.stream().map(FactValue::of).toList()));
    facts.put("all-encrypted", FactValue.of(unencrypted.isEmpty()));
    if (unencrypted.isEmpty()) {
      return PostureResult.pass("all " + judged.size() + " judged volume(s) are encrypted")
          .withFacts(facts);
    }
    List<String> details = new ArrayList<>();
    for (Volume volume : judged) {
      if (unencrypted.contains(volume.mount())) {
        details.add(
            volume.mount()
                + (volume.encrypted()
                    ? " uses " + volume.method() + ", which is not accepted"
                    : " is not encrypted"));
      }
    }
    return PostureResult.fail(String.join("; ", details)).withFacts(facts);
  }

  private static Set<String> csv(String text) {
    Set<String> values = new LinkedHashSet<>();
    for (String value : csvKeepCase(text)) {
      values.add(value.toLowerCase(Locale.ROOT));
    }
    return values;
  }

  private static List<String> csvKeepCase(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
