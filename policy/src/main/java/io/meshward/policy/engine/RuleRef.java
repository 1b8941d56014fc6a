package io.meshward.policy.engine;

import java.util.Objects;

/**
 * A rule that contributed to a decision, for explanations.
 *
 * @param rule the rule path, e.g. {@code data.meshward.access.allow}
 * @param location where the producing definition starts, {@code file:row:col}
 * @param id the rule's METADATA {@code custom.id}, or null
 * @param title the rule's METADATA {@code title}, or null
 */
public record RuleRef(String rule, String location, String id, String title) {

  public RuleRef {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(location, "location");
  }
}
