package io.meshward.policy.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An arbitrary-precision number, as OPA keeps them: big integers and exact decimals. Equality is by
 * numeric value, so {@code 1} equals {@code 1.0}.
 */
public final class NumberValue implements Value {

  public static final NumberValue ZERO = new NumberValue(BigDecimal.ZERO);
  public static final NumberValue ONE = new NumberValue(BigDecimal.ONE);

  private final BigDecimal value;
  private int hash;

  private NumberValue(BigDecimal value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static NumberValue of(long value) {
    if (value == 0) {
      return ZERO;
    }
    if (value == 1) {
      return ONE;
    }
    return new NumberValue(BigDecimal.valueOf(value));
  }

  public static NumberValue of(BigInteger value) {
    return new NumberValue(new BigDecimal(value));
  }

  public static NumberValue of(BigDecimal value) {
    return new NumberValue(value);
  }

  /**
   * A double as the shortest decimal that round-trips, the way Go prints float64.
   *
   * @throws ArithmeticException for NaN and infinities, which Rego cannot represent
   */
  public static NumberValue of(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new ArithmeticException("number is not finite: " + value);
    }
    return new NumberValue(new BigDecimal(Double.toString(value)));
  }

  /**
   * Parses JSON/Rego number syntax ({@code -12}, {@code 1.5e3}).
   *
   * @throws NumberFormatException if the text is not a number
   */
  public static NumberValue parse(String text) {
    return new NumberValue(new BigDecimal(text));
  }

  public BigDecimal bigDecimalValue() {
    return value;
  }

  /** Whether this number has no fractional part. */
  public boolean isInteger() {
    return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /** The integer value, if this number is integral. */
  public Optional<BigInteger> bigIntegerValue() {
    return isInteger() ? Optional.of(value.toBigIntegerExact()) : Optional.empty();
  }

  /** The value as an int, if it is integral and fits. */
  public Optional<Integer> intValue() {
    if (!isInteger()) {
      return Optional.empty();
    }
    try {
      return Optional.of(value.intValueExact());
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** The value as a long, if it is integral and fits. */
  public Optional<Long> longValue() {
    if (!isInteger()) {
      return Optional.empty();
    }
    try {
      return Optional.of(value.longValueExact());
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  public double doubleValue() {
    return value.doubleValue();
  }

  @Override
  public ValueKind kind() {
    return ValueKind.NUMBER;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumberValue n && value.compareTo(n.value) == 0;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = value.signum() == 0 ? 1 : value.stripTrailingZeros().hashCode();
      hash = h;
    }
    return h;
  }

  /** JSON text: integers without exponent or fraction, other numbers in plain or E notation. */
  @Override
  public String toString() {
    if (isInteger()) {
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.precision() - stripped.scale() <= 400) {
        return stripped.toPlainString();
      }
      return stripped.toString().replace("E+", "e+").replace("E-", "e-");
    }
    BigDecimal stripped = value.stripTrailingZeros();
    int exponent = stripped.precision() - stripped.scale() - 1;
    if (exponent < -20 || exponent > 20) {
      return stripped.toString().replace("E+", "e+").replace("E-", "e-");
    }
    return stripped.toPlainString();
  }
}
