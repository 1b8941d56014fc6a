package io.meshward.policy.value;

/** JSON {@code null}; there is one instance. */
public final class NullValue implements Value {

  public static final NullValue INSTANCE = new NullValue();

  private NullValue() {}

  @Override
  public ValueKind kind() {
    return ValueKind.NULL;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NullValue;
  }

  @Override
  public int hashCode() {
    return 3;
  }

  @Override
  public String toString() {
    return "null";
  }
}
