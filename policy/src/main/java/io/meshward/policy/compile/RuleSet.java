package io.meshward.policy.compile;

import java.util.List;

/**
 * All definitions of one rule path, e.g. every {@code allow} of a package.
 *
 * @param path dotted path starting with {@code data}
 * @param segments the path below {@code data}
 * @param rules the non-default definitions in source order
 * @param defaultRule the {@code default} definition, or null
 * @param function whether these are function definitions
 * @param contains whether these are multi-value ({@code contains}) rules
 * @param keyed whether the head has variable reference parts, making the value an object
 * @param index the rule index, or null when the set is small
 */
public record RuleSet(
    String path,
    List<String> segments,
    List<CompiledRule> rules,
    CompiledRule defaultRule,
    boolean function,
    boolean contains,
    boolean keyed,
    RuleIndex index) {

  /** Whether the value is a complete document (one value, no key). */
  public boolean complete() {
    return !function && !contains && !keyed;
  }
}
