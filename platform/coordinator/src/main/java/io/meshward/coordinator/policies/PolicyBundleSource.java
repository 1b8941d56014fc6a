package io.meshward.coordinator.policies;

import java.util.Map;

/**
 * A policy bundle as uploaded: Rego modules (file name to source), an optional data document (JSON
 * text, may be null) and Rego test modules (file name to source).
 */
public record PolicyBundleSource(
    Map<String, String> modules, String dataJson, Map<String, String> tests) {

  public PolicyBundleSource {
    modules = Map.copyOf(modules);
    tests = tests == null ? Map.of() : Map.copyOf(tests);
  }
}
