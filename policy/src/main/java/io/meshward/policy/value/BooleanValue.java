package io.meshward.policy.value;

/** {@code true} or {@code false}; there are two instances. */
public final class BooleanValue implements Value {

  public static final BooleanValue FALSE = new BooleanValue(false);
  public static final BooleanValue TRUE = new BooleanValue(true);

  private final boolean value;

  private BooleanValue(boolean value) {
    this.value = value;
  }

  public static BooleanValue of(boolean value) {
    return value ? TRUE : FALSE;
  }

  public boolean value() {
    return value;
  }

  @Override
  public ValueKind kind() {
    return ValueKind.BOOLEAN;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BooleanValue b && b.value == value;
  }

  @Override
  public int hashCode() {
    return value ? 1231 : 1237;
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
