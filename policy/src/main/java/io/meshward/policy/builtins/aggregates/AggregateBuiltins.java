package io.meshward.policy.builtins.aggregates;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.numbers.NumberBuiltins;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import io.meshward.policy.value.ValueOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/** Aggregates over collections: count, sum, product, max, min, sort, all, any. */
public final class AggregateBuiltins implements BuiltinFamily {

  private static final String NUMBERS = "(array[number]|set[number]) -> number";
  private static final String ANY_COLLECTION = "array[any]|set[any]";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "count",
        "(string|array[any]|object[any: any]|set[any]) -> number",
        AggregateBuiltins::count);
    table.add("sum", NUMBERS, (ctx, a) -> fold(a, true));
    table.add("product", NUMBERS, (ctx, a) -> fold(a, false));
    table.add("max", "(" + ANY_COLLECTION + ") -> any", (ctx, a) -> extreme(a, 1));
    table.add("min", "(" + ANY_COLLECTION + ") -> any", (ctx, a) -> extreme(a, -1));
    table.add("sort", "(" + ANY_COLLECTION + ") -> array[any]", AggregateBuiltins::sort);
    table.add(
        "all",
        "(" + ANY_COLLECTION + ") -> boolean",
        (ctx, a) -> BooleanValue.of(allTrue(elements(a), true)));
    table.add(
        "any",
        "(" + ANY_COLLECTION + ") -> boolean",
        (ctx, a) -> BooleanValue.of(!allTrue(elements(a), false)));
  }

  private static Value count(BuiltinContext ctx, Value[] args) throws BuiltinException {
    return NumberValue.of(
        switch (args[0]) {
          case StringValue s -> s.value().codePointCount(0, s.value().length());
          case ArrayValue a -> a.size();
          case SetValue s -> s.size();
          case ObjectValue o -> o.size();
          default -> throw Args.typeError(0, args[0], "array", "object", "set", "string");
        });
  }

  /**
   * Sum or product: exact integers (in a long until it would overflow, then a big integer) while
   * every operand is integral, exact decimals from the first fraction on.
   */
  private static Value fold(Value[] args, boolean sum) throws BuiltinException {
    long small = sum ? 0 : 1;
    BigInteger integer = null;
    BigDecimal decimal = null;
    for (Value element : elements(args)) {
      if (!(element instanceof NumberValue n)) {
        throw elementError(args[0], element, "number");
      }
      BigDecimal d = n.bigDecimalValue();
      if (decimal == null && integer == null && d.scale() == 0 && d.precision() < 19) {
        long v = d.longValue();
        try {
          small = sum ? Math.addExact(small, v) : Math.multiplyExact(small, v);
          continue;
        } catch (ArithmeticException overflow) {
          integer = BigInteger.valueOf(small);
        }
      }
      if (decimal == null && n.isInteger()) {
        if (integer == null) {
          integer = BigInteger.valueOf(small);
        }
        BigInteger v = d.toBigIntegerExact();
        integer = sum ? integer.add(v) : integer.multiply(v);
        continue;
      }
      if (decimal == null) {
        decimal = integer == null ? BigDecimal.valueOf(small) : new BigDecimal(integer);
      }
      decimal = sum ? decimal.add(d) : decimal.multiply(d);
    }
    if (decimal != null) {
      return NumberBuiltins.normalized(decimal);
    }
    return integer == null ? NumberValue.of(small) : NumberValue.of(integer);
  }

  private static Value extreme(Value[] args, int direction) throws BuiltinException {
    if (args[0] instanceof SetValue s) {
      // A set iterates in order: its extremes are its ends.
      if (s.isEmpty()) {
        return null;
      }
      Value last = null;
      for (Value v : s) {
        if (direction < 0) {
          return v;
        }
        last = v;
      }
      return last;
    }
    if (!(args[0] instanceof ArrayValue elements)) {
      throw Args.typeError(0, args[0], "array", "set");
    }
    if (elements.isEmpty()) {
      return null;
    }
    Value best = elements.get(0);
    for (Value v : elements) {
      if (ValueOrder.compare(v, best) * direction > 0) {
        best = v;
      }
    }
    return best;
  }

  private static Value sort(BuiltinContext ctx, Value[] args) throws BuiltinException {
    return switch (args[0]) {
      case SetValue s -> ArrayValue.of(s.elements());
      case ArrayValue a -> {
        Value[] copy = a.elements().toArray(new Value[0]);
        Arrays.sort(copy, ValueOrder::compare);
        yield ArrayValue.of(copy);
      }
      default -> throw Args.typeError(0, args[0], "array", "set");
    };
  }

  /** The elements of an array or set operand, iterated in place (sets are not copied). */
  private static Iterable<Value> elements(Value[] args) throws BuiltinException {
    return switch (args[0]) {
      case ArrayValue a -> a;
      case SetValue s -> s;
      default -> throw Args.typeError(0, args[0], "array", "set");
    };
  }

  /**
   * With {@code wanted} true: whether every element is {@code true}. With {@code wanted} false:
   * whether no element is {@code true}.
   */
  private static boolean allTrue(Iterable<Value> elements, boolean wanted) {
    for (Value v : elements) {
      if (BooleanValue.TRUE.equals(v) != wanted) {
        return false;
      }
    }
    return true;
  }

  /** OPA's wording for a wrongly typed element: {@code operand 1 must be array of numbers ...}. */
  static BuiltinException elementError(Value collection, Value element, String expected) {
    return new BuiltinException(
        BuiltinException.Kind.TYPE,
        "operand 1 must be "
            + collection.typeName()
            + " of "
            + expected
            + "s but got "
            + collection.typeName()
            + " containing "
            + element.typeName());
  }
}
