package io.meshward.policy.builtins.arrays;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Array concatenation, slicing, reversal and flattening. */
public final class ArrayBuiltins implements BuiltinFamily {

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("array.concat", "(array[any], array[any]) -> array[any]", ArrayBuiltins::concat);
    table.add("array.slice", "(array[any], number, number) -> array[any]", ArrayBuiltins::slice);
    table.add("array.reverse", "(array[any]) -> array[any]", ArrayBuiltins::reverse);
    table.add("array.flatten", "(array[any]) -> array[any]", ArrayBuiltins::flatten);
  }

  private static Value concat(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ArrayValue left = Args.array(args, 0);
    ArrayValue right = Args.array(args, 1);
    if (right.isEmpty()) {
      return left;
    }
    if (left.isEmpty()) {
      return right;
    }
    Value[] out = new Value[left.size() + right.size()];
    for (int i = 0; i < left.size(); i++) {
      out[i] = left.get(i);
    }
    for (int i = 0; i < right.size(); i++) {
      out[left.size() + i] = right.get(i);
    }
    return ArrayValue.of(out);
  }

  /** Indices are clamped to the array; an empty or inverted range gives an empty array. */
  private static Value slice(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ArrayValue array = Args.array(args, 0);
    long from = clampIndex(args, 1);
    long to = clampIndex(args, 2);
    from = Math.max(0, from);
    to = Math.min(array.size(), to);
    if (from >= to) {
      return ArrayValue.EMPTY;
    }
    return array.slice((int) from, (int) to);
  }

  private static long clampIndex(Value[] args, int index) throws BuiltinException {
    NumberValue n = Args.number(args, index);
    if (!n.isInteger()) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "operand " + (index + 1) + " must be integer number but got floating-point number");
    }
    int sign = n.bigDecimalValue().signum();
    return n.longValue().orElse(sign < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
  }

  private static Value reverse(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ArrayValue array = Args.array(args, 0);
    int n = array.size();
    Value[] out = new Value[n];
    for (int i = 0; i < n; i++) {
      out[i] = array.get(n - 1 - i);
    }
    return ArrayValue.of(out);
  }

  /** Flattens one level: nested arrays are spliced in, their own nested arrays kept. */
  private static Value flatten(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ArrayValue array = Args.array(args, 0);
    List<Value> out = new ArrayList<>(array.size());
    boolean nested = false;
    for (Value v : array) {
      if (v instanceof ArrayValue inner) {
        out.addAll(inner.elements());
        nested = true;
      } else {
        out.add(v);
      }
    }
    return nested ? ArrayValue.of(out) : array;
  }
}
