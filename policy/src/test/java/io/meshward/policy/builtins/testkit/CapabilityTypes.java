package io.meshward.policy.builtins.testkit;

import io.meshward.policy.types.Type;
import io.meshward.policy.types.TypeSyntax;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the type declarations of capabilities.json into {@link Type}s and compares them. */
final class CapabilityTypes {

  private CapabilityTypes() {}

  /**
   * The declared type. Our notation has no form for OPA's "these keys, plus any others"; a
   * declaration writes it as the union of both object forms, or ({@code keysAsOpen}) as the open
   * form alone.
   */
  static Type toType(Value decl, boolean keysAsOpen) {
    ObjectValue o = (ObjectValue) decl;
    String kind = ((StringValue) o.get("type")).value();
    return switch (kind) {
      case "any" -> {
        Value of = o.get("of");
        yield of == null ? Type.ANY : new Type.Any(types(of, keysAsOpen));
      }
      case "null" -> Type.NULL;
      case "boolean" -> Type.BOOLEAN;
      case "number" -> Type.NUMBER;
      case "string" -> Type.STRING;
      case "array" -> {
        Value st = o.get("static");
        Value dyn = o.get("dynamic");
        yield new Type.ArrayType(
            st == null ? List.of() : types(st, keysAsOpen),
            dyn == null ? null : toType(dyn, keysAsOpen));
      }
      case "set" -> new Type.SetType(toType(o.get("of"), keysAsOpen));
      case "object" -> {
        Map<String, Type> fixed = new LinkedHashMap<>();
        Value st = o.get("static");
        if (st != null) {
          for (Value v : (ArrayValue) st) {
            ObjectValue e = (ObjectValue) v;
            fixed.put(((StringValue) e.get("key")).value(), toType(e.get("value"), keysAsOpen));
          }
        }
        ObjectValue dyn = (ObjectValue) o.get("dynamic");
        Type open =
            dyn == null
                ? null
                : new Type.ObjectType(
                    Map.of(),
                    toType(dyn.get("key"), keysAsOpen),
                    toType(dyn.get("value"), keysAsOpen));
        if (fixed.isEmpty()) {
          yield open != null ? open : new Type.ObjectType(fixed, Type.ANY, Type.ANY);
        }
        Type closed = new Type.ObjectType(fixed, null, null);
        if (open == null) {
          yield closed;
        }
        yield keysAsOpen ? open : new Type.Any(List.of(closed, open));
      }
      case "function" -> {
        Value a = o.get("args");
        Value variadic = o.get("variadic");
        Value result = o.get("result");
        yield new Type.FunctionType(
            a == null ? List.of() : types(a, keysAsOpen),
            variadic == null ? null : toType(variadic, keysAsOpen),
            result == null ? null : toType(result, keysAsOpen));
      }
      default -> throw new IllegalArgumentException("unknown type kind " + kind);
    };
  }

  private static List<Type> types(Value array, boolean keysAsOpen) {
    List<Type> out = new ArrayList<>();
    for (Value v : (ArrayValue) array) {
      out.add(toType(v, keysAsOpen));
    }
    return out;
  }

  /** Whether {@code declared} is the type capabilities.json gives in {@code decl}. */
  static boolean matches(Type declared, Value decl) {
    String ours = canonical(declared);
    return ours.equals(canonical(toType(decl, false)))
        || ours.equals(canonical(toType(decl, true)));
  }

  /** The type written canonically: unions flattened, without repeats, in a fixed order. */
  static String canonical(Type t) {
    return TypeSyntax.format(normalize(t));
  }

  private static Type normalize(Type t) {
    return switch (t) {
      case Type.Any a when a.of().isEmpty() -> a;
      case Type.Any a -> {
        Map<String, Type> alternatives = new TreeMap<>();
        for (Type alt : a.of()) {
          Type n = normalize(alt);
          List<Type> flat =
              n instanceof Type.Any inner && !inner.of().isEmpty() ? inner.of() : List.of(n);
          flat.forEach(x -> alternatives.put(TypeSyntax.format(x), x));
        }
        List<Type> sorted = List.copyOf(alternatives.values());
        yield sorted.size() == 1 ? sorted.get(0) : new Type.Any(sorted);
      }
      case Type.ArrayType a ->
          new Type.ArrayType(
              a.prefix().stream().map(CapabilityTypes::normalize).toList(),
              a.rest() == null ? null : normalize(a.rest()));
      case Type.SetType s -> new Type.SetType(normalize(s.element()));
      case Type.ObjectType o -> {
        Map<String, Type> fixed = new LinkedHashMap<>();
        o.fixed().forEach((k, v) -> fixed.put(k, normalize(v)));
        yield new Type.ObjectType(
            fixed,
            o.dynamicKey() == null ? null : normalize(o.dynamicKey()),
            o.dynamicValue() == null ? null : normalize(o.dynamicValue()));
      }
      case Type.FunctionType f ->
          new Type.FunctionType(
              f.args().stream().map(CapabilityTypes::normalize).toList(),
              f.variadic() == null ? null : normalize(f.variadic()),
              f.result() == null ? null : normalize(f.result()));
      default -> t;
    };
  }
}
