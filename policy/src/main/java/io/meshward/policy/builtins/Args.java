package io.meshward.policy.builtins;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Reads typed operands, failing with OPA's wording: {@code operand 2 must be string but got
 * number}. Operand positions are 1-based in messages, 0-based here.
 */
public final class Args {

  private Args() {}

  public static String string(Value[] args, int index) throws BuiltinException {
    if (args[index] instanceof StringValue s) {
      return s.value();
    }
    throw typeError(index, args[index], "string");
  }

  public static NumberValue number(Value[] args, int index) throws BuiltinException {
    if (args[index] instanceof NumberValue n) {
      return n;
    }
    throw typeError(index, args[index], "number");
  }

  /** An integral number operand that fits in an int; a fraction is an error. */
  public static int integer(Value[] args, int index) throws BuiltinException {
    return number(args, index).intValue().orElseThrow(() -> notInteger(index));
  }

  /** An integral number operand of any size; a fraction is an error. */
  public static BigInteger bigInteger(Value[] args, int index) throws BuiltinException {
    return number(args, index).bigIntegerValue().orElseThrow(() -> notInteger(index));
  }

  private static BuiltinException notInteger(int index) {
    return new BuiltinException(
        BuiltinException.Kind.TYPE,
        "operand " + (index + 1) + " must be integer number but got floating-point number");
  }

  public static boolean bool(Value[] args, int index) throws BuiltinException {
    if (args[index] instanceof BooleanValue b) {
      return b.value();
    }
    throw typeError(index, args[index], "boolean");
  }

  public static ArrayValue array(Value[] args, int index) throws BuiltinException {
    if (args[index] instanceof ArrayValue a) {
      return a;
    }
    throw typeError(index, args[index], "array");
  }

  public static SetValue set(Value[] args, int index) throws BuiltinException {
    if (args[index] instanceof SetValue s) {
      return s;
    }
    throw typeError(index, args[index], "set");
  }

  public static ObjectValue object(Value[] args, int index) throws BuiltinException {
    if (args[index] instanceof ObjectValue o) {
      return o;
    }
    throw typeError(index, args[index], "object");
  }

  /** The elements of an array or set operand. */
  public static List<Value> collection(Value[] args, int index) throws BuiltinException {
    return switch (args[index]) {
      case ArrayValue a -> a.elements();
      case SetValue s -> s.elements();
      default -> throw typeError(index, args[index], "array", "set");
    };
  }

  /**
   * A type error in OPA's words. With several expected types: {@code operand 1 must be one of
   * {array, set} but got number}.
   */
  public static BuiltinException typeError(int index, Value got, String... expected) {
    String want =
        expected.length == 1
            ? expected[0]
            : "one of {" + String.join(", ", Arrays.stream(expected).sorted().toList()) + "}";
    return new BuiltinException(
        BuiltinException.Kind.TYPE,
        "operand " + (index + 1) + " must be " + want + " but got " + got.typeName());
  }
}
