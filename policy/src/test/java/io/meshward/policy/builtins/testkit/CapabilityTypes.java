package io.meshward.policy.builtins.testkit;

import io.meshward.policy.types.Type;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the type declarations of capabilities.json into {@link Type}s. */
final class CapabilityTypes {

  private CapabilityTypes() {}

  static Type toType(Value decl) {
    ObjectValue o = (ObjectValue) decl;
    String kind = ((StringValue) o.get("type")).value();
    return switch (kind) {
      case "any" -> {
        Value of = o.get("of");
        if (of == null) {
          yield Type.ANY;
        }
        List<Type> alts = new ArrayList<>();
        for (Value v : (ArrayValue) of) {
          alts.add(toType(v));
        }
        yield alts.size() == 1 ? alts.get(0) : new Type.Any(alts);
      }
      case "null" -> Type.NULL;
      case "boolean" -> Type.BOOLEAN;
      case "number" -> Type.NUMBER;
      case "string" -> Type.STRING;
      case "array" -> {
        Value st = o.get("static");
        Value dyn = o.get("dynamic");
        List<Type> prefix = new ArrayList<>();
        if (st != null) {
          for (Value v : (ArrayValue) st) {
            prefix.add(toType(v));
          }
        }
        yield new Type.ArrayType(prefix, dyn == null ? null : toType(dyn));
      }
      case "set" -> new Type.SetType(toType(o.get("of")));
      case "object" -> {
        Map<String, Type> fixed = new LinkedHashMap<>();
        Value st = o.get("static");
        if (st != null) {
          for (Value v : (ArrayValue) st) {
            ObjectValue e = (ObjectValue) v;
            fixed.put(((StringValue) e.get("key")).value(), toType(e.get("value")));
          }
        }
        ObjectValue dyn = (ObjectValue) o.get("dynamic");
        yield dyn == null
            ? new Type.ObjectType(
                fixed, fixed.isEmpty() ? Type.ANY : null, fixed.isEmpty() ? Type.ANY : null)
            : new Type.ObjectType(fixed, toType(dyn.get("key")), toType(dyn.get("value")));
      }
      case "function" -> {
        List<Type> args = new ArrayList<>();
        Value a = o.get("args");
        if (a != null) {
          for (Value v : (ArrayValue) a) {
            args.add(toType(v));
          }
        }
        Value variadic = o.get("variadic");
        Value result = o.get("result");
        yield new Type.FunctionType(
            args,
            variadic == null ? null : toType(variadic),
            result == null ? null : toType(result));
      }
      default -> throw new IllegalArgumentException("unknown type kind " + kind);
    };
  }
}
