package io.meshward.coordinator.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Protobuf Struct values to plain Java JSON values (Map, List, String, Double, Boolean, null). */
final class StructConversion {

  private StructConversion() {}

  static Map<String, Object> toMap(Struct struct) {
    Map<String, Object> map = new LinkedHashMap<>();
    struct.getFieldsMap().forEach((k, v) -> map.put(k, toJava(v)));
    return map;
  }

  private static Object toJava(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> {
        double d = value.getNumberValue();
        yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
      }
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> toMap(value.getStructValue());
      case LIST_VALUE -> toList(value.getListValue());
    };
  }

  private static List<Object> toList(ListValue list) {
    List<Object> result = new ArrayList<>(list.getValuesCount());
    list.getValuesList().forEach(v -> result.add(toJava(v)));
    return result;
  }
}
