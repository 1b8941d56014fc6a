package io.meshward.policy.ast;

import io.meshward.policy.value.ObjectValue;

/**
 * A {@code # METADATA} block.
 *
 * @param scope rule, document, package or subpackages
 * @param value the YAML content as a Rego object (title, description, custom, ...)
 * @param loc where the block starts
 */
public record Annotations(String scope, ObjectValue value, Location loc) {

  public String title() {
    return value.get("title") instanceof io.meshward.policy.value.StringValue s ? s.value() : null;
  }

  public String id() {
    if (value.get("custom") instanceof ObjectValue custom
        && custom.get("id") instanceof io.meshward.policy.value.StringValue s) {
      return s.value();
    }
    return null;
  }
}
