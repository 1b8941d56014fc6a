package io.meshward.plugin.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A typed fact: what a device reports and what a check concludes. Values are immutable and never
 * null; maps keep their keys sorted so equal facts print and compare the same way.
 */
public sealed interface FactValue
    permits FactValue.StringValue,
        FactValue.NumberValue,
        FactValue.BooleanValue,
        FactValue.ListValue,
        FactValue.MapValue {

  /** The type of this value. */
  FactType type();

  /** This value as plain Java: String, BigDecimal, Boolean, List or Map. */
  Object toPlain();

  /** A text value. */
  record StringValue(String value) implements FactValue {
    public StringValue {
      Objects.requireNonNull(value, "a string fact cannot be null");
    }

    @Override
    public FactType type() {
      return FactType.STRING;
    }

    @Override
    public Object toPlain() {
      return value;
    }
  }

  /** A number; exact, so versions and counts never drift through floating point. */
  record NumberValue(BigDecimal value) implements FactValue {
    public NumberValue {
      Objects.requireNonNull(value, "a number fact cannot be null");
    }

    @Override
    public FactType type() {
      return FactType.NUMBER;
    }

    @Override
    public Object toPlain() {
      return value;
    }
  }

  /** A boolean. */
  record BooleanValue(boolean value) implements FactValue {
    @Override
    public FactType type() {
      return FactType.BOOLEAN;
    }

    @Override
    public Object toPlain() {
      return value;
    }
  }

  /** An ordered list of facts. */
  record ListValue(List<FactValue> values) implements FactValue {
    public ListValue {
      values = List.copyOf(Objects.requireNonNull(values, "a list fact cannot be null"));
    }

    @Override
    public FactType type() {
      return FactType.LIST;
    }

    @Override
    public Object toPlain() {
      List<Object> plain = new ArrayList<>(values.size());
      values.forEach(v -> plain.add(v.toPlain()));
      return Collections.unmodifiableList(plain);
    }
  }

  /** A map of named facts. */
  record MapValue(Map<String, FactValue> entries) implements FactValue {
    public MapValue {
      Objects.requireNonNull(entries, "a map fact cannot be null");
      TreeMap<String, FactValue> sorted = new TreeMap<>();
      entries.forEach(
          (k, v) ->
              sorted.put(
                  Objects.requireNonNull(k, "a map fact cannot have a null key"),
                  Objects.requireNonNull(v, () -> "map fact '" + k + "' cannot be null")));
      entries = Collections.unmodifiableMap(sorted);
    }

    @Override
    public FactType type() {
      return FactType.MAP;
    }

    /** The entry named {@code key}, if present. */
    public Optional<FactValue> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public Object toPlain() {
      Map<String, Object> plain = new LinkedHashMap<>();
      entries.forEach((k, v) -> plain.put(k, v.toPlain()));
      return Collections.unmodifiableMap(plain);
    }
  }

  static FactValue of(String value) {
    return new StringValue(value);
  }

  static FactValue of(boolean value) {
    return new BooleanValue(value);
  }

  static FactValue of(long value) {
    return new NumberValue(BigDecimal.valueOf(value));
  }

  static FactValue of(BigDecimal value) {
    return new NumberValue(value);
  }

  static FactValue ofList(List<FactValue> values) {
    return new ListValue(values);
  }

  static FactValue ofMap(Map<String, FactValue> entries) {
    return new MapValue(entries);
  }

  /**
   * Converts plain Java (String, Number, Boolean, List, Map with String keys) into a fact.
   *
   * @throws IllegalArgumentException for null or any other type, naming it
   */
  static FactValue fromPlain(Object value) {
    return switch (value) {
      case null -> throw new IllegalArgumentException("facts cannot be null");
      case FactValue fact -> fact;
      case String s -> new StringValue(s);
      case Boolean b -> new BooleanValue(b);
      case BigDecimal d -> new NumberValue(d);
      case Integer i -> new NumberValue(BigDecimal.valueOf(i));
      case Long l -> new NumberValue(BigDecimal.valueOf(l));
      case Short s -> new NumberValue(BigDecimal.valueOf(s));
      case Byte b -> new NumberValue(BigDecimal.valueOf(b));
      case java.math.BigInteger i -> new NumberValue(new BigDecimal(i));
      case Double d -> new NumberValue(BigDecimal.valueOf(d));
      case Float f -> new NumberValue(new BigDecimal(f.toString()));
      case List<?> list -> {
        List<FactValue> values = new ArrayList<>(list.size());
        list.forEach(v -> values.add(fromPlain(v)));
        yield new ListValue(values);
      }
      case Map<?, ?> map -> {
        Map<String, FactValue> entries = new LinkedHashMap<>();
        map.forEach(
            (k, v) -> {
              if (!(k instanceof String key)) {
                throw new IllegalArgumentException("fact map keys must be strings, got " + k);
              }
              entries.put(key, fromPlain(v));
            });
        yield new MapValue(entries);
      }
      default ->
          throw new IllegalArgumentException(
              "cannot turn a " + value.getClass().getName() + " into a fact");
    };
  }
}
