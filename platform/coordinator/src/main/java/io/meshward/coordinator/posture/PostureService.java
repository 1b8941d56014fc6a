package io.meshward.coordinator.posture;

import io.meshward.coordinator.config.MeshwardProperties;
import io.meshward.coordinator.peers.DevicePostureReported;
import io.meshward.coordinator.peers.PeerEvents;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.host.Evaluation;
import io.meshward.plugin.host.PluginInfo;
import io.meshward.plugin.host.PostureHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The coordinator's posture: loads the plugins at start, evaluates every device report, keeps the
 * results fresh on a schedule, publishes {@link PostureVerdictChanged}, and hands the policy its
 * input.
 */
@Service
public class PostureService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PostureService.class);

  private final PostureHost host;
  private final ScheduledExecutorService refresher;
  private final Map<String, String> accounts = new ConcurrentHashMap<>();

  PostureService(
      PostureProperties posture,
      MeshwardProperties meshward,
      ApplicationEventPublisher events,
      Clock clock) {
    try {
      this.host =
          PostureHost.start(
              PostureConfiguration.settings(posture, meshward),
              (deviceId, pluginId, previous, current) ->
                  events.publishEvent(
                      new PostureVerdictChanged(
                          Optional.ofNullable(accounts.get(deviceId)),
                          deviceId,
                          pluginId,
                          previous,
                          current.verdict(),
                          current.result().reason())),
              clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the posture plugin directories", e);
    }
    long period = posture.refreshInterval().toMillis();
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("posture-refresh").daemon().factory());
    refresher.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
  }

  /** Every plugin artifact found and what became of it. */
  public List<PluginInfo> plugins() {
    return host.plugins();
  }

  /**
   * Evaluates a device's report. Facts are plain JSON-like Java values under the flat dotted names
   * of the device fact format; nulls are dropped (a missing fact). Without an address, the last
   * known one is kept.
   */
  public Map<String, Evaluation> report(
      String accountId, String deviceId, Map<String, Object> facts, Optional<InetAddress> address) {
    if (accountId != null) {
      accounts.put(deviceId, accountId);
    }
    Map<String, FactValue> typed = new LinkedHashMap<>();
    facts.forEach(
        (name, value) -> {
          if (value == null) {
            return;
          }
          try {
            typed.put(name, FactValue.fromPlain(value));
          } catch (IllegalArgumentException e) {
            log.warn("Device {} fact '{}' ignored: {}", deviceId, name, e.getMessage());
          }
        });
    Optional<InetAddress> where =
        address.or(() -> host.tracker().device(deviceId).flatMap(Device::address));
    return host.tracker().observe(new Device(deviceId, typed, where));
  }

  /**
   * The device's posture for the policy input ({@code input.source.posture}): by plugin id, {@code
   * {"verdict": "pass|fail|unknown", "reason": ..., "facts": {...}}} as plain Java values. Refused
   * or failed plugins and unreported devices appear as unknown.
   */
  public Map<String, Object> policyInput(String deviceId) {
    return host.tracker().policyInput(deviceId);
  }

  /** Stops tracking a deleted device. */
  public void forget(String deviceId) {
    host.tracker().forget(deviceId);
    accounts.remove(deviceId);
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(DevicePostureReported reported) {
    report(reported.accountId(), reported.peerId(), reported.facts(), reported.address());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(PeerEvents.PeerDeleted deleted) {
    forget(deleted.peerId());
  }

  private void refresh() {
    try {
      host.tracker().refreshExpired();
    } catch (RuntimeException e) {
      log.error("Posture refresh failed", e);
    }
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
    host.close();
  }
}
