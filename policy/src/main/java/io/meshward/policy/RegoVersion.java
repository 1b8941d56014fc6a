package io.meshward.policy;

/** The Rego language level this engine implements. */
public final class RegoVersion {

  /** OPA 1.x, Rego v1 syntax. */
  public static final String LANGUAGE = "v1";

  private RegoVersion() {}
}
