package io.meshward.plugin.testkit;

/**
 * One way a plugin broke the contract.
 *
 * @param rule the contract rule broken
 * @param detail what happened, naming the sample device
 */
public record Violation(ContractRule rule, String detail) {

  @Override
  public String toString() {
    return rule.description() + ": " + detail;
  }
}
