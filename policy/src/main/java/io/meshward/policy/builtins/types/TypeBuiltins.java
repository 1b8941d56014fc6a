package io.meshward.policy.builtins.types;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.ValueKind;

/** Type tests ({@code is_string}), {@code type_name} and the deprecated {@code cast_*} checks. */
public final class TypeBuiltins implements BuiltinFamily {

  @Override
  public void register(BuiltinTable.Builder table) {
    isKind(table, "is_array", ValueKind.ARRAY);
    isKind(table, "is_boolean", ValueKind.BOOLEAN);
    isKind(table, "is_null", ValueKind.NULL);
    isKind(table, "is_number", ValueKind.NUMBER);
    isKind(table, "is_object", ValueKind.OBJECT);
    isKind(table, "is_set", ValueKind.SET);
    isKind(table, "is_string", ValueKind.STRING);
    table.add("type_name", "(any) -> string", (ctx, a) -> StringValue.of(a[0].typeName()));
    table.add(
        "cast_array",
        "(any) -> array[any]",
        (ctx, a) ->
            switch (a[0]) {
              case ArrayValue array -> array;
              case SetValue set -> ArrayValue.of(set.elements());
              default -> throw Args.typeError(0, a[0], "array", "set");
            });
    table.add("cast_boolean", "(any) -> boolean", (ctx, a) -> BooleanValue.of(Args.bool(a, 0)));
    table.add(
        "cast_null",
        "(any) -> null",
        (ctx, a) -> {
          if (a[0] instanceof NullValue n) {
            return n;
          }
          throw Args.typeError(0, a[0], "null");
        });
    table.add("cast_object", "(any) -> object[any: any]", (ctx, a) -> Args.object(a, 0));
    table.add(
        "cast_set",
        "(any) -> set[any]",
        (ctx, a) ->
            switch (a[0]) {
              case SetValue set -> set;
              case ArrayValue array -> SetValue.of(array.elements());
              default -> throw Args.typeError(0, a[0], "array", "set");
            });
    table.add("cast_string", "(any) -> string", (ctx, a) -> StringValue.of(Args.string(a, 0)));
  }

  private static void isKind(BuiltinTable.Builder table, String name, ValueKind kind) {
    table.add(name, "(any) -> boolean", (ctx, a) -> BooleanValue.of(a[0].kind() == kind));
  }
}
