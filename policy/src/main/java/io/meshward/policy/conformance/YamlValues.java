package io.meshward.policy.conformance;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Converts documents loaded by snakeyaml-engine into Rego values. */
public final class YamlValues {

  private YamlValues() {}

  public static Value of(Object o) {
    return switch (o) {
      case null -> NullValue.INSTANCE;
      case String s -> StringValue.of(s);
      case Boolean b -> BooleanValue.of(b);
      case Integer i -> NumberValue.of(i);
      case Long l -> NumberValue.of(l);
      case BigInteger b -> NumberValue.of(b);
      case BigDecimal d -> NumberValue.of(d);
      case Double d -> NumberValue.of(new BigDecimal(Double.toString(d)));
      case Float d -> NumberValue.of(new BigDecimal(Float.toString(d)));
      case List<?> l -> {
        List<Value> items = new ArrayList<>(l.size());
        l.forEach(x -> items.add(of(x)));
        yield ArrayValue.of(items);
      }
      case Map<?, ?> m -> {
        Map<Value, Value> entries = new HashMap<>();
        m.forEach((k, v) -> entries.put(StringValue.of(String.valueOf(k)), of(v)));
        yield ObjectValue.of(entries);
      }
      case byte[] bytes ->
          StringValue.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      default -> StringValue.of(o.toString());
    };
  }
}
