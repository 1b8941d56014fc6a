package io.meshward.policy.eval;

import io.meshward.policy.ast.Location;
import io.meshward.policy.compile.CompiledRule;
import io.meshward.policy.compile.RuleSet;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.Value;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Assembles the documents rules define: nested objects from rules with variables in their head
 * reference, and merges of values two rule sets define for one path, with OPA's conflict errors.
 */
final class RuleDocuments {

  private RuleDocuments() {}

  /** Combines values two rules define for one path; differing leaves are a conflict. */
  static Value mergeRuleValues(Value a, Value b, RuleSet rs) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof SetValue x && b instanceof SetValue y) {
      Set<Value> all = new HashSet<>(x.asSet());
      all.addAll(y.asSet());
      return SetValue.of(all);
    }
    if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
      Map<Value, Value> m = new HashMap<>(x.asMap());
      for (Value k : y.keys()) {
        Value prev = m.get(k);
        m.put(k, prev == null ? y.get(k) : mergeRuleValues(prev, y.get(k), rs));
      }
      return ObjectValue.of(m);
    }
    CompiledRule first = rs == null || rs.rules().isEmpty() ? null : rs.rules().get(0);
    throw new RegoException(
        first == null ? Location.NONE : first.loc(),
        "eval_conflict_error",
        "object keys must be unique");
  }

  @SuppressWarnings("unchecked")
  static void insert(
      Map<Value, Object> root, Value[] keys, Value v, boolean contains, CompiledRule rule) {
    Map<Value, Object> node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      Object child = node.get(keys[i]);
      if (child == null) {
        child = new HashMap<Value, Object>();
        node.put(keys[i], child);
      } else if (!(child instanceof Map)) {
        throw new RegoException(rule.loc(), "eval_conflict_error", "object keys must be unique");
      }
      node = (Map<Value, Object>) child;
    }
    Value last = keys[keys.length - 1];
    Object prev = node.get(last);
    if (contains) {
      if (prev == null) {
        prev = new HashSet<Value>();
        node.put(last, prev);
      } else if (!(prev instanceof Set)) {
        throw new RegoException(rule.loc(), "eval_conflict_error", "object keys must be unique");
      }
      ((Set<Value>) prev).add(v);
    } else if (prev == null) {
      node.put(last, v);
    } else if (!(prev instanceof Value pv) || !pv.equals(v)) {
      throw new RegoException(rule.loc(), "eval_conflict_error", "object keys must be unique");
    }
  }

  @SuppressWarnings("unchecked")
  static Value toValue(Object o) {
    if (o instanceof Value v) {
      return v;
    }
    if (o instanceof Set<?> s) {
      return SetValue.of((Collection<Value>) s);
    }
    Map<Value, Value> m = new HashMap<>();
    ((Map<Value, Object>) o).forEach((k, v) -> m.put(k, toValue(v)));
    return ObjectValue.of(m);
  }
}
