package io.meshward.policy.builtins.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.encoding.EncodingBuiltins;
import io.meshward.policy.builtins.encoding.JsonBuiltins;
import io.meshward.policy.builtins.encoding.YamlBuiltins;
import io.meshward.policy.builtins.glob.GlobBuiltins;
import io.meshward.policy.builtins.graphql.GraphqlBuiltins;
import io.meshward.policy.builtins.jsonschema.JsonSchemaBuiltins;
import io.meshward.policy.builtins.regex.RegexBuiltins;
import io.meshward.policy.builtins.uri.UriBuiltins;
import io.meshward.policy.types.Type;
import io.meshward.policy.types.TypeSyntax;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every builtin of the text families is declared with OPA's arity and types. */
class TextFamiliesSignatureTest {

  private static final Path CAPABILITIES = Path.of("/work/shared/opa-reference/capabilities.json");

  static BuiltinTable table() {
    return BuiltinTable.of(
        List.of(
            new RegexBuiltins(),
            new GlobBuiltins(),
            new EncodingBuiltins(),
            new JsonBuiltins(),
            new YamlBuiltins(),
            new UriBuiltins(),
            new JsonSchemaBuiltins(),
            new GraphqlBuiltins()));
  }

  @Test
  void declarationsMatchOpaCapabilities() throws Exception {
    assumeTrue(Files.isRegularFile(CAPABILITIES), "OPA capabilities.json not available");
    ObjectValue capabilities = (ObjectValue) Json.parse(Files.readString(CAPABILITIES));
    Map<String, Value> opa = new HashMap<>();
    for (Value b : (ArrayValue) capabilities.get("builtins")) {
      ObjectValue builtin = (ObjectValue) b;
      opa.put(((StringValue) builtin.get("name")).value(), builtin.get("decl"));
    }
    List<String> mismatches = new ArrayList<>();
    for (Builtin builtin : table().all()) {
      Value decl = opa.get(builtin.name());
      if (decl == null) {
        mismatches.add(builtin.name() + " is not an OPA builtin");
        continue;
      }
      String ours = TypeSyntax.format(normalize(builtin.signature()));
      String theirs = TypeSyntax.format(normalize(type(decl)));
      if (!ours.equals(theirs)) {
        mismatches.add(builtin.name() + ": ours " + ours + " but OPA " + theirs);
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(table().all()).hasSize(40);
  }

  /** Converts capabilities.json's type notation. */
  private static Type type(Value json) {
    ObjectValue t = (ObjectValue) json;
    String kind = ((StringValue) t.get("type")).value();
    return switch (kind) {
      case "any" -> {
        List<Type> of = new ArrayList<>();
        if (t.get("of") instanceof ArrayValue alternatives) {
          alternatives.forEach(a -> of.add(type(a)));
        }
        yield of.isEmpty() ? Type.ANY : new Type.Any(of);
      }
      case "null" -> Type.NULL;
      case "boolean" -> Type.BOOLEAN;
      case "number" -> Type.NUMBER;
      case "string" -> Type.STRING;
      case "array" -> {
        List<Type> prefix = new ArrayList<>();
        if (t.get("static") instanceof ArrayValue items) {
          items.forEach(i -> prefix.add(type(i)));
        }
        yield new Type.ArrayType(prefix, t.get("dynamic") == null ? null : type(t.get("dynamic")));
      }
      case "set" -> new Type.SetType(type(t.get("of")));
      case "object" -> {
        Map<String, Type> fixed = new LinkedHashMap<>();
        if (t.get("static") instanceof ArrayValue entries) {
          for (Value e : entries) {
            ObjectValue entry = (ObjectValue) e;
            fixed.put(((StringValue) entry.get("key")).value(), type(entry.get("value")));
          }
        }
        Type dynamic = null;
        if (t.get("dynamic") instanceof ObjectValue d) {
          dynamic = new Type.ObjectType(Map.of(), type(d.get("key")), type(d.get("value")));
        }
        if (fixed.isEmpty()) {
          yield dynamic;
        }
        Type closed = new Type.ObjectType(fixed, null, null);
        // Our notation writes "these keys, plus any others" as a union of both object forms.
        yield dynamic == null ? closed : new Type.Any(List.of(closed, dynamic));
      }
      case "function" -> {
        List<Type> args = new ArrayList<>();
        ((ArrayValue) t.get("args")).forEach(a -> args.add(type(a)));
        yield new Type.FunctionType(args, null, type(t.get("result")));
      }
      default -> throw new IllegalArgumentException("unknown type " + kind);
    };
  }

  /** Flattens and orders alternatives so that equivalent types print alike. */
  private static Type normalize(Type t) {
    return switch (t) {
      case Type.Any a when a.of().isEmpty() -> a;
      case Type.Any a -> {
        List<Type> flat = new ArrayList<>();
        for (Type alt : a.of()) {
          Type n = normalize(alt);
          if (n instanceof Type.Any inner && !inner.of().isEmpty()) {
            flat.addAll(inner.of());
          } else {
            flat.add(n);
          }
        }
        flat.sort((x, y) -> TypeSyntax.format(x).compareTo(TypeSyntax.format(y)));
        yield flat.size() == 1 ? flat.get(0) : new Type.Any(flat);
      }
      case Type.ArrayType a ->
          new Type.ArrayType(
              a.prefix().stream().map(TextFamiliesSignatureTest::normalize).toList(),
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
              f.args().stream().map(TextFamiliesSignatureTest::normalize).toList(),
              f.variadic() == null ? null : normalize(f.variadic()),
              f.result() == null ? null : normalize(f.result()));
      default -> t;
    };
  }
}
