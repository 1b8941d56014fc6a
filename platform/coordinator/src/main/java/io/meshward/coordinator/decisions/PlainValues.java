package io.meshward.coordinator.decisions;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Turns JSON-like Java values (as the posture host and Jackson produce them) into Rego values. */
final class PlainValues {

  private PlainValues() {}

  static Value of(Object o) {
    return switch (o) {
      case null -> NullValue.INSTANCE;
      case Value v -> v;
      case String s -> StringValue.of(s);
      case Boolean b -> BooleanValue.of(b);
      case Integer i -> NumberValue.of(i.longValue());
      case Long l -> NumberValue.of(l);
      case Short s -> NumberValue.of(s.longValue());
      case BigInteger b -> NumberValue.of(b);
      case BigDecimal b -> NumberValue.of(b);
      case Number n -> NumberValue.of(n.doubleValue());
      case Enum<?> e -> StringValue.of(e.name().toLowerCase(java.util.Locale.ROOT));
      case Map<?, ?> m -> {
        ObjectValue.Builder b = ObjectValue.builder();
        m.forEach((k, v) -> b.put(String.valueOf(k), of(v)));
        yield b.build();
      }
      case Collection<?> c -> {
        List<Value> items = new ArrayList<>(c.size());
        c.forEach(x -> items.add(of(x)));
        yield ArrayValue.of(items);
      }
      default -> StringValue.of(o.toString());
    };
  }
}
