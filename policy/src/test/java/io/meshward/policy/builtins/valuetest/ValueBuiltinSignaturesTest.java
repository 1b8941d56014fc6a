package io.meshward.policy.builtins.valuetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.types.Type;
import io.meshward.policy.types.TypeSyntax;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every value builtin is declared with OPA's arity and types, as capabilities.json lists them. */
class ValueBuiltinSignaturesTest {

  private static final Path CAPABILITIES = Path.of("/work/shared/opa-reference/capabilities.json");

  @Test
  void signaturesMatchOpaCapabilities() throws IOException {
    assumeTrue(Files.exists(CAPABILITIES), "capabilities.json not available");
    Map<String, ObjectValue> declared = new HashMap<>();
    ObjectValue caps = (ObjectValue) Json.parse(Files.readString(CAPABILITIES));
    for (Value b : (ArrayValue) caps.get("builtins")) {
      ObjectValue builtin = (ObjectValue) b;
      declared.put(((StringValue) builtin.get("name")).value(), (ObjectValue) builtin.get("decl"));
    }
    List<String> mismatches = new ArrayList<>();
    for (Builtin builtin : ValueBuiltinHarness.TABLE.all()) {
      ObjectValue decl = declared.get(builtin.name());
      if (decl == null) {
        mismatches.add(builtin.name() + ": not in capabilities.json");
        continue;
      }
      Type expected = normalize(toType(decl));
      Type actual = normalize(builtin.signature());
      if (!expected.equals(actual)) {
        mismatches.add(
            builtin.name()
                + ": declared "
                + TypeSyntax.format(actual)
                + " but OPA has "
                + TypeSyntax.format(expected));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyFamilyDeclaresSomething() {
    assertThat(ValueBuiltinHarness.TABLE.all()).hasSize(94);
    assertThat(ValueBuiltinHarness.TABLE.lookup("sprintf")).isPresent();
  }

  private static Type toType(ObjectValue t) {
    String kind = ((StringValue) t.get("type")).value();
    return switch (kind) {
      case "any" -> {
        Value of = t.get("of");
        yield of == null ? Type.ANY : new Type.Any(types((ArrayValue) of));
      }
      case "null" -> Type.NULL;
      case "boolean" -> Type.BOOLEAN;
      case "number" -> Type.NUMBER;
      case "string" -> Type.STRING;
      case "array" -> {
        Value dynamic = t.get("dynamic");
        Value stat = t.get("static");
        yield new Type.ArrayType(
            stat == null ? List.of() : types((ArrayValue) stat),
            dynamic == null ? null : toType((ObjectValue) dynamic));
      }
      case "set" -> new Type.SetType(toType((ObjectValue) t.get("of")));
      case "object" -> {
        Map<String, Type> fixed = new LinkedHashMap<>();
        Value stat = t.get("static");
        ObjectValue dynamic = (ObjectValue) t.get("dynamic");
        if (stat != null && dynamic == null) {
          for (Value e : (ArrayValue) stat) {
            ObjectValue entry = (ObjectValue) e;
            fixed.put(
                ((StringValue) entry.get("key")).value(), toType((ObjectValue) entry.get("value")));
          }
        }
        // The declaration notation cannot combine fixed keys with dynamic ones (only json.patch
        // does); such objects compare by their dynamic part.
        yield new Type.ObjectType(
            fixed,
            dynamic == null ? null : toType((ObjectValue) dynamic.get("key")),
            dynamic == null ? null : toType((ObjectValue) dynamic.get("value")));
      }
      case "function" -> {
        Value variadic = t.get("variadic");
        Value result = t.get("result");
        yield new Type.FunctionType(
            types((ArrayValue) t.get("args")),
            variadic == null ? null : toType((ObjectValue) variadic),
            result == null ? null : toType((ObjectValue) result));
      }
      default -> throw new IllegalArgumentException("unknown type " + kind);
    };
  }

  private static List<Type> types(ArrayValue array) {
    return array.elements().stream().map(v -> toType((ObjectValue) v)).toList();
  }

  /** Unions compare as sets of alternatives; everything else structurally. */
  private static Type normalize(Type t) {
    return switch (t) {
      case Type.Any a when a.of().isEmpty() -> a;
      case Type.Any a ->
          new UnorderedAny(
                  a.of().stream()
                      .map(ValueBuiltinSignaturesTest::normalize)
                      .collect(Collectors.toSet()))
              .asType();
      case Type.ArrayType a ->
          new Type.ArrayType(
              a.prefix().stream().map(ValueBuiltinSignaturesTest::normalize).toList(),
              a.rest() == null ? null : normalize(a.rest()));
      case Type.SetType s -> new Type.SetType(normalize(s.element()));
      case Type.ObjectType o ->
          new Type.ObjectType(
              o.fixed().entrySet().stream()
                  .collect(Collectors.toMap(Map.Entry::getKey, e -> normalize(e.getValue()))),
              o.dynamicKey() == null ? null : normalize(o.dynamicKey()),
              o.dynamicValue() == null ? null : normalize(o.dynamicValue()));
      case Type.FunctionType f ->
          new Type.FunctionType(
              f.args().stream().map(ValueBuiltinSignaturesTest::normalize).toList(),
              f.variadic() == null ? null : normalize(f.variadic()),
              f.result() == null ? null : normalize(f.result()));
      default -> t;
    };
  }

  /** Orders union alternatives canonically so that {@code a|b} equals {@code b|a}. */
  private record UnorderedAny(Set<Type> alternatives) {
    Type asType() {
      List<Type> sorted = new ArrayList<>(alternatives);
      sorted.sort((x, y) -> TypeSyntax.format(x).compareTo(TypeSyntax.format(y)));
      return new Type.Any(sorted);
    }
  }
}
