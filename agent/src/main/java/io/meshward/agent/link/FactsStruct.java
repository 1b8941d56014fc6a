package io.meshward.agent.link;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import java.util.Map;

/** Converts the agent's fact map to the protobuf Struct the protocol carries. */
public final class FactsStruct {

  private FactsStruct() {}

  public static Struct toStruct(Map<String, ?> facts) {
    Struct.Builder struct = Struct.newBuilder();
    facts.forEach((key, value) -> struct.putFields(key, toValue(value)));
    return struct.build();
  }

  static Value toValue(Object value) {
    return switch (value) {
      case null -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
      case String s -> Value.newBuilder().setStringValue(s).build();
      case Boolean b -> Value.newBuilder().setBoolValue(b).build();
      case Number n -> Value.newBuilder().setNumberValue(n.doubleValue()).build();
      case Map<?, ?> map -> {
        Struct.Builder nested = Struct.newBuilder();
        map.forEach((k, v) -> nested.putFields(String.valueOf(k), toValue(v)));
        yield Value.newBuilder().setStructValue(nested).build();
      }
      case List<?> list -> {
        ListValue.Builder items = ListValue.newBuilder();
        list.forEach(item -> items.addValues(toValue(item)));
        yield Value.newBuilder().setListValue(items).build();
      }
      default -> Value.newBuilder().setStringValue(value.toString()).build();
    };
  }
}
