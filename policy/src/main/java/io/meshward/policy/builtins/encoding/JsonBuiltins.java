package io.meshward.policy.builtins.encoding;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;

/**
 * {@code json.marshal}, {@code json.marshal_with_options}, {@code json.unmarshal}, {@code
 * json.is_valid}.
 */
public final class JsonBuiltins implements BuiltinFamily {

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "json.marshal", "(any) -> string", (ctx, args) -> StringValue.of(GoJson.marshal(args[0])));
    table.add(
        "json.marshal_with_options",
        "(any, {indent: string, prefix: string, pretty: boolean}|object[string: any]) -> string",
        (ctx, args) -> StringValue.of(marshalWithOptions(args[0], Args.object(args, 1))));
    table.add(
        "json.unmarshal",
        "(string) -> any",
        (ctx, args) -> {
          try {
            return Json.parse(Args.string(args, 0));
          } catch (Json.JsonSyntaxException e) {
            throw new BuiltinException(e.getMessage());
          }
        });
    table.add(
        "json.is_valid",
        "(string) -> boolean",
        (ctx, args) -> {
          if (!(args[0] instanceof StringValue s)) {
            return BooleanValue.FALSE;
          }
          try {
            Json.parse(s.value());
            return BooleanValue.TRUE;
          } catch (Json.JsonSyntaxException e) {
            return BooleanValue.FALSE;
          }
        });
  }

  /**
   * Pretty output when {@code pretty} is true, or when it is absent and a prefix or indent is
   * given; the indent defaults to a tab and the prefix to nothing.
   */
  private static String marshalWithOptions(Value value, ObjectValue options)
      throws BuiltinException {
    Boolean pretty = null;
    String prefix = null;
    String indent = null;
    for (Value key : options.keys()) {
      Value option = options.get(key);
      String name = key instanceof StringValue s ? s.value() : key.toJson();
      switch (name) {
        case "pretty" -> {
          if (!(option instanceof BooleanValue b)) {
            throw optionType(name, "boolean", option);
          }
          pretty = b.value();
        }
        case "prefix" -> {
          if (!(option instanceof StringValue s)) {
            throw optionType(name, "string", option);
          }
          prefix = s.value();
        }
        case "indent" -> {
          if (!(option instanceof StringValue s)) {
            throw optionType(name, "string", option);
          }
          indent = s.value();
        }
        default ->
            throw new BuiltinException(
                BuiltinException.Kind.TYPE, "object contained unknown key \"" + name + "\"");
      }
    }
    boolean indented = pretty != null ? pretty : prefix != null || indent != null;
    if (!indented) {
      return GoJson.marshal(value);
    }
    return GoJson.marshalIndent(
        value, prefix == null ? "" : prefix, indent == null ? "\t" : indent);
  }

  private static BuiltinException optionType(String name, String want, Value got) {
    return new BuiltinException(
        BuiltinException.Kind.TYPE,
        "operand 2 option \"" + name + "\" must be " + want + " but got " + got.typeName());
  }
}
