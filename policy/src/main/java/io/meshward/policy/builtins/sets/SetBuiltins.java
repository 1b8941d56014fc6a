package io.meshward.policy.builtins.sets;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Set algebra: intersection and union of many sets, difference, and the & and | operators. */
public final class SetBuiltins implements BuiltinFamily {

  private static final String PAIR = "(set[any], set[any]) -> set[any]";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("intersection", "(set[set[any]]) -> set[any]", SetBuiltins::intersectionOfAll);
    table.add("union", "(set[set[any]]) -> set[any]", SetBuiltins::unionOfAll);
    table.add("set_diff", PAIR, (ctx, a) -> difference(Args.set(a, 0), Args.set(a, 1)));
    table.add("and", PAIR, (ctx, a) -> intersect(Args.set(a, 0), Args.set(a, 1)));
    table.add("or", PAIR, (ctx, a) -> union(Args.set(a, 0), Args.set(a, 1)));
  }

  /** The elements of {@code left} not in {@code right}: {@code set_diff}, and {@code -} on sets. */
  public static SetValue difference(SetValue left, SetValue right) {
    if (left.isEmpty() || right.isEmpty()) {
      return left;
    }
    List<Value> kept = new ArrayList<>(left.size());
    for (Value v : left) {
      if (!right.contains(v)) {
        kept.add(v);
      }
    }
    return kept.size() == left.size() ? left : SetValue.of(kept);
  }

  private static SetValue intersect(SetValue left, SetValue right) {
    SetValue small = left.size() <= right.size() ? left : right;
    SetValue large = small == left ? right : left;
    List<Value> kept = new ArrayList<>(small.size());
    for (Value v : small) {
      if (large.contains(v)) {
        kept.add(v);
      }
    }
    return kept.size() == small.size() ? small : SetValue.of(kept);
  }

  private static SetValue union(SetValue left, SetValue right) {
    if (right.isEmpty()) {
      return left;
    }
    if (left.isEmpty()) {
      return right;
    }
    Set<Value> all = new HashSet<>(left.asSet());
    all.addAll(right.asSet());
    return all.size() == left.size() ? left : SetValue.of(all);
  }

  private static Value intersectionOfAll(BuiltinContext ctx, Value[] args) throws BuiltinException {
    SetValue sets = Args.set(args, 0);
    if (sets.isEmpty()) {
      return SetValue.EMPTY;
    }
    SetValue smallest = null;
    for (Value v : sets) {
      SetValue s = member(sets, v);
      if (smallest == null || s.size() < smallest.size()) {
        smallest = s;
      }
    }
    List<Value> kept = new ArrayList<>(smallest.size());
    outer:
    for (Value candidate : smallest) {
      for (Value v : sets) {
        if (!((SetValue) v).contains(candidate)) {
          continue outer;
        }
      }
      kept.add(candidate);
    }
    return kept.size() == smallest.size() ? smallest : SetValue.of(kept);
  }

  private static Value unionOfAll(BuiltinContext ctx, Value[] args) throws BuiltinException {
    SetValue sets = Args.set(args, 0);
    if (sets.size() == 1) {
      return member(sets, sets.elements().get(0));
    }
    Set<Value> all = new HashSet<>();
    for (Value v : sets) {
      all.addAll(member(sets, v).asSet());
    }
    return SetValue.of(all);
  }

  private static SetValue member(SetValue sets, Value v) throws BuiltinException {
    if (v instanceof SetValue s) {
      return s;
    }
    throw new BuiltinException(
        BuiltinException.Kind.TYPE,
        "operand 1 must be set of sets but got set containing " + v.typeName());
  }
}
