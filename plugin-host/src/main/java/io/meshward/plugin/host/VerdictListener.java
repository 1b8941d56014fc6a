package io.meshward.plugin.host;

import io.meshward.plugin.api.Verdict;
import java.util.Optional;

/** Told when a plugin's verdict about a device changes, including its first verdict. */
@FunctionalInterface
public interface VerdictListener {

  void verdictChanged(
      String deviceId, String pluginId, Optional<Verdict> previous, Evaluation current);
}
