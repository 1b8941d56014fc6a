package io.meshward.policy.compile;

import io.meshward.policy.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A node of the virtual document tree: rules at this path and child nodes by key. */
public final class RuleNode {

  private final Map<Value, RuleNode> children = new LinkedHashMap<>();
  private RuleSet rules;
  private boolean isPackage;

  public RuleNode child(Value key) {
    return children.get(key);
  }

  RuleNode childOrCreate(Value key) {
    return children.computeIfAbsent(key, k -> new RuleNode());
  }

  public Map<Value, RuleNode> children() {
    return Collections.unmodifiableMap(children);
  }

  public RuleSet rules() {
    return rules;
  }

  void setRules(RuleSet rules) {
    this.rules = rules;
  }

  void markPackage() {
    isPackage = true;
  }

  /** Whether any rule or package is defined at or below this node. */
  public boolean hasRules() {
    if (rules != null || isPackage) {
      return true;
    }
    for (RuleNode c : children.values()) {
      if (c.hasRules()) {
        return true;
      }
    }
    return false;
  }
}
