package io.meshward.policy.eval;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.List;

/** How references read values: indexing, iteration, membership and patching. */
final class ValueAccess {

  private ValueAccess() {}

  /** Visits a collection's key/value pairs; array keys are indexes, set keys the elements. */
  interface EntryVisitor {
    boolean visit(Value key, Value value);
  }

  static void forEachEntry(Value coll, EntryVisitor v) {
    switch (coll) {
      case ArrayValue a -> {
        for (int i = 0; i < a.size(); i++) {
          if (!v.visit(NumberValue.of(i), a.get(i))) {
            return;
          }
        }
      }
      case ObjectValue o -> {
        for (Value key : o.keys()) {
          if (!v.visit(key, o.get(key))) {
            return;
          }
        }
      }
      case SetValue s -> {
        for (Value x : s) {
          if (!v.visit(x, x)) {
            return;
          }
        }
      }
      default -> {}
    }
  }

  static boolean member(Value coll, Value key, Value x) {
    switch (coll) {
      case ArrayValue a -> {
        if (key != null) {
          return key instanceof NumberValue n
              && n.intValue().isPresent()
              && n.intValue().get() >= 0
              && n.intValue().get() < a.size()
              && a.get(n.intValue().get()).equals(x);
        }
        for (Value v : a) {
          if (v.equals(x)) {
            return true;
          }
        }
        return false;
      }
      case SetValue s -> {
        return s.contains(x) && (key == null || key.equals(x));
      }
      case ObjectValue o -> {
        if (key != null) {
          return x.equals(o.get(key));
        }
        return o.asMap().containsValue(x);
      }
      default -> {
        return false;
      }
    }
  }

  /** Base documents have string keys; {@code data[2]} finds key "2" like OPA does. */
  static Value dataLookup(Value base, Value key) {
    Value v = lookup(base, key);
    if (v == null && key instanceof NumberValue n && base instanceof ObjectValue && n.isInteger()) {
      v = lookup(base, StringValue.of(n.toString()));
    }
    return v;
  }

  static Value lookup(Value v, Value key) {
    if (v == null) {
      return null;
    }
    switch (v) {
      case ObjectValue o -> {
        return o.get(key);
      }
      case ArrayValue a -> {
        if (key instanceof NumberValue n) {
          var idx = n.intValue();
          if (idx.isPresent() && idx.get() >= 0 && idx.get() < a.size()) {
            return a.get(idx.get());
          }
        }
        return null;
      }
      case SetValue s -> {
        return s.contains(key) ? key : null;
      }
      default -> {
        return null;
      }
    }
  }

  static Value patch(Value base, List<Value> path, int i, Value v) {
    if (i == path.size()) {
      return v;
    }
    ObjectValue obj = base instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    Value child = obj.get(path.get(i));
    return obj.with(path.get(i), patch(child, path, i + 1, v));
  }
}
