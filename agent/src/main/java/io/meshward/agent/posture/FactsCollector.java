package io.meshward.agent.posture;

import java.util.Map;

/** Gathers the device's facts; values are strings, booleans, numbers, lists and maps. */
public interface FactsCollector {

  Map<String, Object> collect();
}
