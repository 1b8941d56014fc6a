package io.meshward.policy.value;

import java.util.Objects;

/** A string. Ordered by Unicode code point, as Go orders UTF-8 bytes. */
public record StringValue(String value) implements Value {

  public static final StringValue EMPTY = new StringValue("");

  public StringValue {
    Objects.requireNonNull(value, "value");
  }

  public static StringValue of(String value) {
    return value.isEmpty() ? EMPTY : new StringValue(value);
  }

  @Override
  public ValueKind kind() {
    return ValueKind.STRING;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
