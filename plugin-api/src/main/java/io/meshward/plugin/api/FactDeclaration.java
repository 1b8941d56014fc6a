package io.meshward.plugin.api;

import java.util.Objects;

/**
 * A fact a check may put in its result, with its type. The host refuses results carrying facts that
 * were not declared or that have another type.
 *
 * @param name the fact's name as the policy reads it
 * @param type its type
 * @param description what it means, for the people writing policy
 */
public record FactDeclaration(String name, FactType type, String description) {

  public FactDeclaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a fact name cannot be blank");
    }
  }
}
