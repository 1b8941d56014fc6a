package io.meshward.plugin.testkit;

/** The rules every posture plugin must keep. */
public enum ContractRule {
  LOADS("loads and starts the way the coordinator loads it"),
  HONOURS_DEADLINE("answers before its deadline"),
  NO_EXCEPTION_LEAKS("never lets an exception or error escape"),
  DECLARED_FACTS("returns only declared facts, of their declared types"),
  DETERMINISTIC("gives the same result for the same input");

  private final String description;

  ContractRule(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
