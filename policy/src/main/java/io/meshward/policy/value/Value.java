package io.meshward.policy.value;

/**
 * A Rego value: JSON plus sets. Values are immutable, compare by OPA's total order across types,
 * and any value can be an object key or set element.
 */
public sealed interface Value extends Comparable<Value>
    permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

  /** The kind of this value, which also fixes its place in the order across types. */
  ValueKind kind();

  /** The name OPA's {@code type_name} builtin gives: "null", "boolean", "number", ... */
  default String typeName() {
    return kind().typeName();
  }

  @Override
  default int compareTo(Value other) {
    return ValueOrder.compare(this, other);
  }

  /** This value as compact JSON; sets become sorted arrays, non-string keys become strings. */
  default String toJson() {
    return Json.write(this);
  }
}
