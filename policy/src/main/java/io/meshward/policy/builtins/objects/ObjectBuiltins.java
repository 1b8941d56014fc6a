package io.meshward.policy.builtins.objects;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.Value;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Object access and reshaping, plus JSON path filtering/removal and JSON Patch. */
public final class ObjectBuiltins implements BuiltinFamily {

  private static final String OBJECT = "object[any: any]";
  private static final String KEYS = "array[any]|object[any: any]|set[any]";
  private static final String PATHS = "array[string|array[any]]|set[string|array[any]]";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("object.get", "(" + OBJECT + ", any, any) -> any", ObjectBuiltins::get);
    table.add(
        "object.keys",
        "(" + OBJECT + ") -> set[any]",
        (ctx, a) -> SetValue.of(Args.object(a, 0).keys()));
    table.add(
        "object.remove",
        "(" + OBJECT + ", " + KEYS + ") -> " + OBJECT,
        (ctx, a) -> select(a, false));
    table.add(
        "object.filter",
        "(" + OBJECT + ", " + KEYS + ") -> " + OBJECT,
        (ctx, a) -> select(a, true));
    table.add(
        "object.union",
        "(" + OBJECT + ", " + OBJECT + ") -> " + OBJECT,
        (ctx, a) -> union(Args.object(a, 0), Args.object(a, 1)));
    table.add("object.union_n", "(array[" + OBJECT + "]) -> " + OBJECT, ObjectBuiltins::unionAll);
    table.add("object.subset", "(" + KEYS + ", " + KEYS + ") -> boolean", ObjectBuiltins::subset);
    table.add(
        "json.filter",
        "(" + OBJECT + ", " + PATHS + ") -> " + OBJECT,
        (ctx, a) -> JsonPaths.filter(Args.object(a, 0), JsonPaths.parse(a, 1)));
    table.add(
        "json.remove",
        "(" + OBJECT + ", " + PATHS + ") -> " + OBJECT,
        (ctx, a) -> JsonPaths.remove(Args.object(a, 0), JsonPaths.parse(a, 1)));
    table.add(
        "json.patch",
        "(any, array[object[any: any]]) -> any",
        (ctx, a) -> JsonPatch.apply(a[0], Args.array(a, 1)));
  }

  /** A key, or (when the key is an array) a path through nested objects, arrays and sets. */
  private static Value get(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ObjectValue object = Args.object(args, 0);
    if (!(args[1] instanceof ArrayValue path)) {
      Value found = object.get(args[1]);
      return found == null ? args[2] : found;
    }
    Value current = object;
    for (Value segment : path) {
      current = child(current, segment);
      if (current == null) {
        return args[2];
      }
    }
    return current;
  }

  /** The child of a composite value under a key, index or member, or null. */
  static Value child(Value parent, Value key) {
    return switch (parent) {
      case ObjectValue o -> o.get(key);
      case ArrayValue a -> {
        if (key instanceof NumberValue n) {
          int i = n.intValue().orElse(-1);
          yield i >= 0 && i < a.size() ? a.get(i) : null;
        }
        yield null;
      }
      case SetValue s -> s.contains(key) ? key : null;
      default -> null;
    };
  }

  private static Value select(Value[] args, boolean keep) throws BuiltinException {
    ObjectValue object = Args.object(args, 0);
    Collection<Value> keys =
        switch (args[1]) {
          case ArrayValue a -> a.elements();
          case SetValue s -> s.asSet();
          case ObjectValue o -> o.asMap().keySet();
          default ->
              throw new BuiltinException(
                  BuiltinException.Kind.TYPE,
                  "operand 2 must be one of {object, set, array} but got " + args[1].typeName());
        };
    if (keep) {
      ObjectValue.Builder out = ObjectValue.builder();
      for (Value k : keys) {
        Value v = object.get(k);
        if (v != null) {
          out.put(k, v);
        }
      }
      return out.build();
    }
    boolean any = false;
    for (Value k : keys) {
      if (object.containsKey(k)) {
        any = true;
        break;
      }
    }
    if (!any) {
      return object;
    }
    Set<Value> drop = keys instanceof Set<Value> s ? s : new HashSet<>(keys);
    Map<Value, Value> out = new HashMap<>(object.size());
    object
        .asMap()
        .forEach(
            (k, v) -> {
              if (!drop.contains(k)) {
                out.put(k, v);
              }
            });
    return ObjectValue.of(out);
  }

  /** Right wins, except that two objects under the same key merge recursively. */
  static ObjectValue union(ObjectValue left, ObjectValue right) {
    if (left.isEmpty()) {
      return right;
    }
    if (right.isEmpty()) {
      return left;
    }
    Map<Value, Value> out = new HashMap<>(left.asMap());
    right
        .asMap()
        .forEach(
            (k, v) -> {
              Value existing = out.get(k);
              if (existing instanceof ObjectValue l && v instanceof ObjectValue r) {
                out.put(k, union(l, r));
              } else {
                out.put(k, v);
              }
            });
    return ObjectValue.of(out);
  }

  private static Value unionAll(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ArrayValue objects = Args.array(args, 0);
    ObjectValue result = ObjectValue.EMPTY;
    for (Value v : objects) {
      if (!(v instanceof ObjectValue o)) {
        throw new BuiltinException(
            BuiltinException.Kind.TYPE,
            "operand 1 must be array of objects but got array containing " + v.typeName());
      }
      result = union(result, o);
    }
    return result;
  }

  private static Value subset(BuiltinContext ctx, Value[] args) throws BuiltinException {
    for (int i = 0; i < 2; i++) {
      if (!(args[i] instanceof ObjectValue
          || args[i] instanceof SetValue
          || args[i] instanceof ArrayValue)) {
        throw new BuiltinException(
            BuiltinException.Kind.TYPE,
            "operand "
                + (i + 1)
                + " must be one of {object, array, set} but got "
                + args[i].typeName());
      }
    }
    Value sup = args[0];
    Value sub = args[1];
    boolean comparable =
        sup.kind() == sub.kind() || (sup instanceof ArrayValue && sub instanceof SetValue);
    if (!comparable) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "both arguments to object.subset must be of the same type or array and set");
    }
    return BooleanValue.of(isSubset(sup, sub));
  }

  /**
   * Objects: every key of {@code sub} in {@code sup}, values compared recursively. Sets: members.
   * Arrays: {@code sub} occurs contiguously in {@code sup}. Array and set: every member present.
   * Anything else: equality.
   */
  static boolean isSubset(Value sup, Value sub) {
    if (sup instanceof ObjectValue a && sub instanceof ObjectValue b) {
      for (Value k : b.keys()) {
        Value av = a.get(k);
        if (av == null || !isSubset(av, b.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (sup instanceof SetValue a && sub instanceof SetValue b) {
      return a.asSet().containsAll(b.asSet());
    }
    if (sup instanceof ArrayValue a && sub instanceof SetValue b) {
      return new HashSet<>(a.elements()).containsAll(b.asSet());
    }
    if (sup instanceof ArrayValue a && sub instanceof ArrayValue b) {
      return contiguous(a.elements(), b.elements());
    }
    return sup.equals(sub);
  }

  private static boolean contiguous(List<Value> sup, List<Value> sub) {
    if (sub.isEmpty()) {
      return true;
    }
    outer:
    for (int start = 0; start + sub.size() <= sup.size(); start++) {
      for (int i = 0; i < sub.size(); i++) {
        if (!sup.get(start + i).equals(sub.get(i))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
