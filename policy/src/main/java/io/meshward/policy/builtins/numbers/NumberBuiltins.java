package io.meshward.policy.builtins.numbers;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.sets.SetBuiltins;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/** Arithmetic, rounding, ranges, bitwise operations, random integers and number conversion. */
public final class NumberBuiltins implements BuiltinFamily {

  private static final String UNARY = "(number) -> number";
  private static final String BINARY = "(number, number) -> number";

  /** Decimal syntax accepted by Go's strconv.ParseFloat, minus the hexadecimal and named forms. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static final Pattern NOT_A_NUMBER =
      Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

  /**
   * The most elements a range may have. OPA sets none, but a range is built in memory at once, so a
   * policy typo must not be able to exhaust the host's heap before the evaluation deadline.
   */
  static final BigInteger MAX_RANGE = BigInteger.valueOf(10_000_000);

  private final Random random;

  public NumberBuiltins() {
    this(new SecureRandom());
  }

  /** With a chosen source of randomness for {@code rand.intn} (tests use a seeded one). */
  public NumberBuiltins(Random random) {
    this.random = random;
  }

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("abs", UNARY, (ctx, a) -> normalized(Args.number(a, 0).bigDecimalValue().abs()));
    table.add("ceil", UNARY, (ctx, a) -> roundTo(Args.number(a, 0), RoundingMode.CEILING));
    table.add("floor", UNARY, (ctx, a) -> roundTo(Args.number(a, 0), RoundingMode.FLOOR));
    table.add("round", UNARY, (ctx, a) -> roundTo(Args.number(a, 0), RoundingMode.HALF_UP));
    table.add("plus", BINARY, (ctx, a) -> arithmetic(a, BigInteger::add, BigDecimal::add));
    table.add("minus", "(number|set[any], number|set[any]) -> number|set[any]", this::minus);
    table.add("mul", BINARY, (ctx, a) -> arithmetic(a, BigInteger::multiply, BigDecimal::multiply));
    table.add("div", BINARY, (ctx, a) -> divide(Args.number(a, 0), Args.number(a, 1)));
    table.add("rem", BINARY, (ctx, a) -> remainder(Args.number(a, 0), Args.number(a, 1)));
    table.add(
        "numbers.range",
        "(number, number) -> array[number]",
        (ctx, a) -> range(ctx, Args.bigInteger(a, 0), Args.bigInteger(a, 1), BigInteger.ONE));
    table.add(
        "numbers.range_step",
        "(number, number, number) -> array[number]",
        (ctx, a) -> {
          BigInteger from = Args.bigInteger(a, 0);
          BigInteger to = Args.bigInteger(a, 1);
          NumberValue step = Args.number(a, 2);
          if (!step.isInteger() || step.bigDecimalValue().signum() <= 0) {
            throw new BuiltinException("step must be a positive integer");
          }
          return range(ctx, from, to, step.bigIntegerValue().orElseThrow());
        });
    table.addNondeterministic("rand.intn", "(string, number) -> number", this::randomInt);
    table.add(
        "bits.and",
        BINARY,
        (ctx, a) -> NumberValue.of(Args.bigInteger(a, 0).and(Args.bigInteger(a, 1))));
    table.add(
        "bits.or",
        BINARY,
        (ctx, a) -> NumberValue.of(Args.bigInteger(a, 0).or(Args.bigInteger(a, 1))));
    table.add(
        "bits.xor",
        BINARY,
        (ctx, a) -> NumberValue.of(Args.bigInteger(a, 0).xor(Args.bigInteger(a, 1))));
    table.add("bits.negate", UNARY, (ctx, a) -> NumberValue.of(Args.bigInteger(a, 0).not()));
    table.add(
        "bits.lsh",
        BINARY,
        (ctx, a) -> NumberValue.of(Args.bigInteger(a, 0).shiftLeft(shift(a, 1))));
    table.add(
        "bits.rsh",
        BINARY,
        (ctx, a) -> NumberValue.of(Args.bigInteger(a, 0).shiftRight(shift(a, 1))));
    table.add("format_int", "(number, number) -> string", NumberBuiltins::formatInt);
    table.add("to_number", "(null|boolean|number|string) -> number", NumberBuiltins::toNumber);
  }

  private static NumberValue roundTo(NumberValue n, RoundingMode mode) {
    return n.bigDecimalValue().scale() == 0
        ? n
        : NumberValue.of(n.bigDecimalValue().setScale(0, mode));
  }

  private static NumberValue arithmetic(
      Value[] args, BinaryOperator<BigInteger> onIntegers, BinaryOperator<BigDecimal> onDecimals)
      throws BuiltinException {
    NumberValue x = Args.number(args, 0);
    NumberValue y = Args.number(args, 1);
    if (x.isInteger() && y.isInteger()) {
      return NumberValue.of(
          onIntegers.apply(x.bigIntegerValue().orElseThrow(), y.bigIntegerValue().orElseThrow()));
    }
    return normalized(onDecimals.apply(x.bigDecimalValue(), y.bigDecimalValue()));
  }

  /**
   * A computed decimal, written as an integer when it is integral (so {@code 1.5 + 2.5} is {@code
   * 4}, as OPA prints it, and formats as an integer in {@code sprintf}).
   */
  public static NumberValue normalized(BigDecimal value) {
    if (value.scale() > 0) {
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.scale() <= 0) {
        return NumberValue.of(stripped.toBigIntegerExact());
      }
    }
    return NumberValue.of(value);
  }

  private Value minus(BuiltinContext ctx, Value[] args) throws BuiltinException {
    if (args[0] instanceof SetValue left) {
      return SetBuiltins.difference(left, Args.set(args, 1));
    }
    if (!(args[0] instanceof NumberValue)) {
      throw Args.typeError(0, args[0], "number", "set");
    }
    return arithmetic(args, BigInteger::subtract, BigDecimal::subtract);
  }

  /**
   * Exact when the quotient has a finite decimal expansion; otherwise rounded to the nearest
   * float64, which is the precision OPA prints such quotients with.
   */
  static NumberValue divide(NumberValue x, NumberValue y) throws BuiltinException {
    if (y.bigDecimalValue().signum() == 0) {
      throw new BuiltinException("divide by zero");
    }
    BigDecimal dividend = x.bigDecimalValue();
    BigDecimal divisor = y.bigDecimalValue();
    if (x.isInteger() && y.isInteger()) {
      BigInteger[] qr =
          dividend.toBigIntegerExact().divideAndRemainder(divisor.toBigIntegerExact());
      if (qr[1].signum() == 0) {
        return NumberValue.of(qr[0]);
      }
    }
    try {
      BigDecimal exact = dividend.divide(divisor, new MathContext(40, RoundingMode.UNNECESSARY));
      return normalized(exact);
    } catch (ArithmeticException notTerminating) {
      BigDecimal approx = dividend.divide(divisor, MathContext.DECIMAL128);
      double d = approx.doubleValue();
      return Double.isFinite(d)
          ? NumberValue.of(d)
          : NumberValue.of(approx.round(MathContext.DECIMAL64));
    }
  }

  private static NumberValue remainder(NumberValue x, NumberValue y) throws BuiltinException {
    if (!x.isInteger() || !y.isInteger()) {
      throw new BuiltinException("modulo on floating-point number");
    }
    BigInteger divisor = y.bigIntegerValue().orElseThrow();
    if (divisor.signum() == 0) {
      throw new BuiltinException("modulo by zero");
    }
    return NumberValue.of(x.bigIntegerValue().orElseThrow().remainder(divisor));
  }

  private static ArrayValue range(
      BuiltinContext ctx, BigInteger from, BigInteger to, BigInteger step) throws BuiltinException {
    BigInteger span = to.subtract(from).abs();
    BigInteger count = span.divide(step).add(BigInteger.ONE);
    if (count.compareTo(MAX_RANGE) > 0) {
      throw new BuiltinException(
          "range of " + count + " numbers exceeds the limit of " + MAX_RANGE + " elements");
    }
    int n = count.intValueExact();
    Value[] out = new Value[n];
    BigInteger delta = to.compareTo(from) >= 0 ? step : step.negate();
    BigInteger current = from;
    for (int i = 0; i < n; i++) {
      if ((i & 0xFFF) == 0xFFF) {
        ctx.checkBudget();
      }
      out[i] = NumberValue.of(current);
      current = current.add(delta);
    }
    return ArrayValue.of(out);
  }

  private Value randomInt(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String seed = Args.string(args, 0);
    BigInteger bound = Args.bigInteger(args, 1).abs();
    if (bound.signum() == 0) {
      return NumberValue.ZERO;
    }
    record Key(String seed, BigInteger bound) {}
    return ctx.memoize(new Key(seed, bound), k -> NumberValue.of(randomBelow(bound)));
  }

  private BigInteger randomBelow(BigInteger bound) {
    if (bound.bitLength() < 63) {
      return BigInteger.valueOf(random.nextLong(bound.longValueExact()));
    }
    BigInteger r;
    do {
      r = new BigInteger(bound.bitLength(), random);
    } while (r.compareTo(bound) >= 0);
    return r;
  }

  private static int shift(Value[] args, int index) throws BuiltinException {
    BigInteger n = Args.bigInteger(args, index);
    if (n.signum() < 0) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "operand "
              + (index + 1)
              + " must be an unsigned integer number but got a negative integer");
    }
    if (n.bitLength() > 24) {
      throw new BuiltinException("shift count too large: " + n);
    }
    return n.intValueExact();
  }

  private static Value formatInt(BuiltinContext ctx, Value[] args) throws BuiltinException {
    NumberValue n = Args.number(args, 0);
    NumberValue base = Args.number(args, 1);
    int radix = base.intValue().orElse(0);
    if (radix != 2 && radix != 8 && radix != 10 && radix != 16) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE, "operand 2 must be one of {2, 8, 10, 16}");
    }
    BigInteger truncated = n.bigDecimalValue().setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    return StringValue.of(truncated.toString(radix));
  }

  private static Value toNumber(BuiltinContext ctx, Value[] args) throws BuiltinException {
    return switch (args[0]) {
      case NumberValue n -> n;
      case NullValue n -> NumberValue.ZERO;
      case BooleanValue b -> b.value() ? NumberValue.ONE : NumberValue.ZERO;
      case StringValue s -> parseNumber(s.value());
      default -> throw Args.typeError(0, args[0], "null", "boolean", "number", "string");
    };
  }

  private static NumberValue parseNumber(String text) throws BuiltinException {
    if (NOT_A_NUMBER.matcher(text).matches()) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "operand 1 must be a finite number but got string \"" + text + "\"");
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw new BuiltinException("strconv.ParseFloat: parsing \"" + text + "\": invalid syntax");
    }
    try {
      return NumberValue.parse(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw new BuiltinException("strconv.ParseFloat: parsing \"" + text + "\": invalid syntax");
    }
  }
}
