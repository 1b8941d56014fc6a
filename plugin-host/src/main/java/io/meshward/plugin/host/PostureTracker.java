package io.meshward.plugin.host;

import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every device's posture: the last report of each device and each plugin's result about it,
 * cached until it expires. Expired results are evaluated again on read and by {@link
 * #refreshExpired()}, which the host runs on a schedule, so posture stays current; every verdict
 * change goes to the {@link VerdictListener}.
 */
public final class PostureTracker {

  private static final Logger log = LoggerFactory.getLogger(PostureTracker.class);

  private final List<HostedCheck> checks;
  private final List<PluginInfo> notRunning;
  private final CheckRunner runner;
  private final Clock clock;
  private final VerdictListener listener;
  private final Map<String, DeviceEntry> devices = new ConcurrentHashMap<>();

  public PostureTracker(
      List<HostedCheck> checks,
      List<PluginInfo> plugins,
      CheckRunner runner,
      Clock clock,
      VerdictListener listener) {
    this.checks = List.copyOf(checks);
    this.notRunning = plugins.stream().filter(p -> p.state() != LoadState.STARTED).toList();
    this.runner = runner;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Records what a device reported and returns its posture. A report equal to the last one reuses
   * the cached results that have not expired; a changed report is evaluated afresh.
   */
  public Map<String, Evaluation> observe(Device device) {
    DeviceEntry entry = devices.computeIfAbsent(device.id(), id -> new DeviceEntry(device));
    boolean changed;
    synchronized (entry) {
      changed = !entry.device.equals(device);
      entry.device = device;
    }
    return changed ? evaluate(entry, checks) : current(entry);
  }

  /** The posture of a device reported earlier, re-evaluating expired results; empty if unknown. */
  public Map<String, Evaluation> posture(String deviceId) {
    DeviceEntry entry = devices.get(deviceId);
    return entry == null ? Map.of() : current(entry);
  }

  /** Re-evaluates every expired result of every device. */
  public void refreshExpired() {
    for (DeviceEntry entry : devices.values()) {
      try {
        current(entry);
      } catch (RuntimeException e) {
        log.error("Posture refresh of device {} failed", entry.device.id(), e);
      }
    }
  }

  /** The last report of a device, if it reported. */
  public Optional<Device> device(String deviceId) {
    return Optional.ofNullable(devices.get(deviceId)).map(entry -> entry.device);
  }

  /** Stops tracking a device. */
  public void forget(String deviceId) {
    devices.remove(deviceId);
  }

  /** How many devices are tracked. */
  public int deviceCount() {
    return devices.size();
  }

  /**
   * The device's posture as the policy reads it, by plugin id: {@code {"verdict":
   * "pass|fail|unknown", "reason": ..., "facts": {...}}} as plain Java values. Plugins that were
   * refused or failed, and devices that never reported, appear as UNKNOWN so a policy requiring
   * them denies.
   */
  public Map<String, Object> policyInput(String deviceId) {
    Map<String, Object> input = new TreeMap<>();
    DeviceEntry entry = devices.get(deviceId);
    if (entry == null) {
      for (HostedCheck check : checks) {
        input.put(
            check.pluginId(),
            entryOf(Verdict.UNKNOWN, "device " + deviceId + " has not reported posture", Map.of()));
      }
    } else {
      current(entry)
          .forEach(
              (id, evaluation) ->
                  input.put(
                      id,
                      entryOf(
                          evaluation.verdict(),
                          evaluation.result().reason(),
                          plainFacts(evaluation))));
    }
    for (PluginInfo plugin : notRunning) {
      input.putIfAbsent(
          plugin.id(),
          entryOf(
              Verdict.UNKNOWN,
              "plugin "
                  + plugin.id()
                  + " is "
                  + plugin.state()
                  + ": "
                  + plugin.lastError().orElse(""),
              Map.of()));
    }
    return Collections.unmodifiableMap(input);
  }

  private static Map<String, Object> plainFacts(Evaluation evaluation) {
    Map<String, Object> facts = new LinkedHashMap<>();
    evaluation.result().facts().forEach((name, value) -> facts.put(name, value.toPlain()));
    return facts;
  }

  private static Map<String, Object> entryOf(
      Verdict verdict, String reason, Map<String, Object> facts) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("verdict", verdict.policyName());
    entry.put("reason", reason);
    entry.put("facts", Collections.unmodifiableMap(facts));
    return Collections.unmodifiableMap(entry);
  }

  private Map<String, Evaluation> current(DeviceEntry entry) {
    Instant now = clock.instant();
    List<HostedCheck> stale = new ArrayList<>();
    for (HostedCheck check : checks) {
      Evaluation cached = entry.results.get(check.pluginId());
      if (cached == null || cached.expiredAt(now)) {
        stale.add(check);
      }
    }
    if (stale.isEmpty()) {
      return Collections.unmodifiableMap(entry.results);
    }
    return evaluate(entry, stale);
  }

  private Map<String, Evaluation> evaluate(DeviceEntry entry, List<HostedCheck> which) {
    Device device = entry.device;
    Map<String, Evaluation> fresh = runner.evaluateAll(which, device);
    List<Runnable> events = new ArrayList<>();
    synchronized (entry) {
      if (entry.device != device) {
        // A newer report arrived meanwhile; its own evaluation wins.
        return Collections.unmodifiableMap(entry.results);
      }
      fresh.forEach(
          (pluginId, evaluation) -> {
            Evaluation previous = entry.results.put(pluginId, evaluation);
            if (previous == null || previous.verdict() != evaluation.verdict()) {
              Optional<Verdict> before = Optional.ofNullable(previous).map(Evaluation::verdict);
              events.add(() -> listener.verdictChanged(device.id(), pluginId, before, evaluation));
            }
          });
    }
    for (Runnable event : events) {
      try {
        event.run();
      } catch (RuntimeException e) {
        log.error("A posture verdict listener failed", e);
      }
    }
    return Collections.unmodifiableMap(entry.results);
  }

  private static final class DeviceEntry {
    private volatile Device device;
    private final Map<String, Evaluation> results = new ConcurrentHashMap<>();

    DeviceEntry(Device device) {
      this.device = device;
    }
  }
}
