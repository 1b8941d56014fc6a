package io.meshward.policy.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable object. Keys may be any value; iteration is in OPA's sorted key order, so evaluation
 * is deterministic.
 */
public final class ObjectValue implements Value {

  public static final ObjectValue EMPTY = new ObjectValue(new Value[0], Map.of());

  private final Value[] sortedKeys;
  private final Map<Value, Value> entries;
  private int hash;

  private ObjectValue(Value[] sortedKeys, Map<Value, Value> entries) {
    this.sortedKeys = sortedKeys;
    this.entries = entries;
  }

  /** An object with these entries; later duplicates of a key win. */
  public static ObjectValue of(Map<? extends Value, ? extends Value> entries) {
    if (entries.isEmpty()) {
      return EMPTY;
    }
    Map<Value, Value> copy = new HashMap<>(entries);
    copy.forEach((k, v) -> Objects.requireNonNull(v, "value of key " + k));
    Value[] keys = copy.keySet().toArray(new Value[0]);
    Arrays.sort(keys, ValueOrder::compare);
    return new ObjectValue(keys, copy);
  }

  /** Convenience for string-keyed objects: {@code of("a", x, "b", y)}. */
  public static ObjectValue ofStrings(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<Value, Value> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(StringValue.of((String) keysAndValues[i]), (Value) keysAndValues[i + 1]);
    }
    return of(map);
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return sortedKeys.length;
  }

  public boolean isEmpty() {
    return sortedKeys.length == 0;
  }

  /** The value at {@code key}, or {@code null} when absent. */
  public Value get(Value key) {
    return entries.get(key);
  }

  /** The value at a string key, or {@code null} when absent. */
  public Value get(String key) {
    return entries.get(StringValue.of(key));
  }

  public boolean containsKey(Value key) {
    return entries.containsKey(key);
  }

  /** The keys in sorted order, unmodifiable. */
  public List<Value> keys() {
    return List.of(sortedKeys);
  }

  /** Unmodifiable map view; its iteration order is unspecified, use {@link #keys()} for order. */
  public Map<Value, Value> asMap() {
    return Collections.unmodifiableMap(entries);
  }

  /** A copy with {@code key} set to {@code value}. */
  public ObjectValue with(Value key, Value value) {
    Map<Value, Value> copy = new HashMap<>(entries);
    copy.put(key, value);
    return of(copy);
  }

  @Override
  public ValueKind kind() {
    return ValueKind.OBJECT;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectValue o
        && (o == this
            || (o.sortedKeys.length == sortedKeys.length
                && hashCode() == o.hashCode()
                && entries.equals(o.entries)));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = entries.hashCode() * 31 + 13;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }

  /** Collects entries, then builds one immutable object. */
  public static final class Builder {
    private final Map<Value, Value> entries = new HashMap<>();

    public Builder put(Value key, Value value) {
      entries.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder put(String key, Value value) {
      return put(StringValue.of(key), value);
    }

    public boolean containsKey(Value key) {
      return entries.containsKey(key);
    }

    public ObjectValue build() {
      return of(entries);
    }
  }
}
