package io.meshward.coordinator.decisions;

/** Which policy engine answers connection decisions. */
public enum EngineKind {
  /** Meshward's own Rego engine, in this JVM. */
  REGO,
  /** An OPA server reached over its HTTP Data API. */
  OPA;

  /** The name explanations show: {@code rego} or {@code opa}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
