package io.meshward.policy.builtins.core;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.eval.RuleMetadata;
import io.meshward.policy.types.TypeSyntax;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import io.meshward.policy.value.ValueOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The builtins tied to the language itself: comparison, unification and membership operators,
 * {@code print}, template strings, {@code walk}, rule metadata and the runtime document.
 */
public final class CoreBuiltins implements BuiltinFamily {

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("eq", "(any, any) -> boolean", (c, a) -> BooleanValue.of(a[0].equals(a[1])));
    table.add("assign", "(any, any) -> boolean", (c, a) -> BooleanValue.of(a[0].equals(a[1])));
    table.add("equal", "(any, any) -> boolean", (c, a) -> BooleanValue.of(a[0].equals(a[1])));
    table.add("neq", "(any, any) -> boolean", (c, a) -> BooleanValue.of(!a[0].equals(a[1])));
    table.add("lt", "(any, any) -> boolean", (c, a) -> BooleanValue.of(cmp(a) < 0));
    table.add("lte", "(any, any) -> boolean", (c, a) -> BooleanValue.of(cmp(a) <= 0));
    table.add("gt", "(any, any) -> boolean", (c, a) -> BooleanValue.of(cmp(a) > 0));
    table.add("gte", "(any, any) -> boolean", (c, a) -> BooleanValue.of(cmp(a) >= 0));
    table.add(
        "internal.member_2",
        "(any, any) -> boolean",
        (c, a) -> BooleanValue.of(member(a[1], a[0])));
    table.add(
        "internal.member_3",
        "(any, any, any) -> boolean",
        (c, a) -> BooleanValue.of(memberAt(a[2], a[0], a[1])));
    table.add("internal.print", "(array[set[any]]) -> void", CoreBuiltins::print);
    table.add("print", "(... any) -> void", CoreBuiltins::printPlain);
    table.add("internal.template_string", "(array[any]) -> string", CoreBuiltins::template);
    table.add("internal.test_case", "(array[any]) -> void", (c, a) -> BooleanValue.TRUE);
    table.add(
        "trace",
        "(string) -> boolean",
        (c, a) -> {
          Args.string(a, 0);
          return BooleanValue.TRUE;
        });
    table.add(
        new Builtin(
            "walk",
            TypeSyntax.parseSignature("(any) -> [array[any], any]"),
            CoreBuiltins::walk,
            false,
            true));
    table.add("rego.metadata.chain", "() -> array[any]", (c, a) -> metadata(c).metadataChain());
    table.add("rego.metadata.rule", "() -> any", (c, a) -> metadata(c).metadataRule());
    table.add("rego.parse_module", "(string, string) -> object[string: any]", ModuleToValue::parse);
    table.addNondeterministic("opa.runtime", "() -> object[string: any]", (c, a) -> c.runtime());
  }

  private static int cmp(Value[] a) {
    return ValueOrder.compare(a[0], a[1]);
  }

  private static boolean member(Value coll, Value x) {
    return switch (coll) {
      case ArrayValue arr -> arr.elements().contains(x);
      case SetValue s -> s.contains(x);
      case ObjectValue o -> o.asMap().containsValue(x);
      default -> false;
    };
  }

  private static boolean memberAt(Value coll, Value key, Value x) {
    return switch (coll) {
      case ArrayValue arr ->
          key instanceof NumberValue n
              && n.intValue().filter(i -> i >= 0 && i < arr.size()).isPresent()
              && arr.get(n.intValue().get()).equals(x);
      case SetValue s -> s.contains(x) && key.equals(x);
      case ObjectValue o -> x.equals(o.get(key));
      default -> false;
    };
  }

  private static RuleMetadata metadata(BuiltinContext c) throws BuiltinException {
    if (c instanceof RuleMetadata m) {
      return m;
    }
    throw new BuiltinException("rule metadata is not available in this context");
  }

  /** Formats a value as print and template strings do: strings raw, others as Rego terms. */
  static String text(Value v) {
    return v instanceof StringValue s ? s.value() : term(v);
  }

  /** A value written as a Rego term: {@code [1, 2]}, {@code {"a": 1}}, {@code set()}. */
  static String term(Value v) {
    return switch (v) {
      case ArrayValue a -> "[" + join(a.elements()) + "]";
      case SetValue s -> s.isEmpty() ? "set()" : "{" + join(s.elements()) + "}";
      case ObjectValue o -> {
        List<String> parts = new ArrayList<>();
        for (Value k : o.keys()) {
          parts.add(term(k) + ": " + term(o.get(k)));
        }
        yield "{" + String.join(", ", parts) + "}";
      }
      default -> v.toJson();
    };
  }

  private static String join(List<Value> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(x -> parts.add(term(x)));
    return String.join(", ", parts);
  }

  private static Value print(BuiltinContext c, Value[] a) throws BuiltinException {
    List<String> parts = new ArrayList<>();
    for (Value arg : Args.array(a, 0)) {
      if (arg instanceof SetValue s) {
        parts.add(s.isEmpty() ? "<undefined>" : text(s.elements().get(0)));
      } else {
        parts.add(text(arg));
      }
    }
    c.print(String.join(" ", parts));
    return BooleanValue.TRUE;
  }

  private static Value printPlain(BuiltinContext c, Value[] a) {
    List<String> parts = new ArrayList<>();
    for (Value v : a) {
      parts.add(text(v));
    }
    c.print(String.join(" ", parts));
    return BooleanValue.TRUE;
  }

  private static Value template(BuiltinContext c, Value[] a) throws BuiltinException {
    StringBuilder sb = new StringBuilder();
    for (Value part : Args.array(a, 0)) {
      if (part instanceof SetValue s) {
        if (s.isEmpty()) {
          sb.append("<undefined>");
        } else if (s.size() > 1) {
          throw new BuiltinException("template-strings must not produce multiple outputs");
        } else {
          sb.append(text(s.elements().get(0)));
        }
      } else {
        sb.append(text(part));
      }
    }
    return StringValue.of(sb.toString());
  }

  private static Value walk(BuiltinContext c, Value[] a) throws BuiltinException {
    List<Value> out = new ArrayList<>();
    walk(a[0], new ArrayList<>(), out, c);
    return ArrayValue.of(out);
  }

  private static void walk(Value v, List<Value> path, List<Value> out, BuiltinContext c)
      throws BuiltinException {
    c.checkBudget();
    out.add(ArrayValue.of(ArrayValue.of(path), v));
    switch (v) {
      case ArrayValue arr -> {
        for (int i = 0; i < arr.size(); i++) {
          path.add(NumberValue.of(i));
          walk(arr.get(i), path, out, c);
          path.remove(path.size() - 1);
        }
      }
      case ObjectValue o -> {
        for (Value k : o.keys()) {
          path.add(k);
          walk(o.get(k), path, out, c);
          path.remove(path.size() - 1);
        }
      }
      case SetValue s -> {
        for (Value e : s) {
          path.add(e);
          walk(e, path, out, c);
          path.remove(path.size() - 1);
        }
      }
      default -> {}
    }
  }
}
