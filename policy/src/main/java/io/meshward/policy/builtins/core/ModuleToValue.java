package io.meshward.policy.builtins.core;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.parse.ParseOptions;
import io.meshward.policy.parse.Parser;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.Value;

/** {@code rego.parse_module}: parses a module and returns its syntax tree as a value. */
final class ModuleToValue {

  private ModuleToValue() {}

  static Value parse(BuiltinContext c, Value[] a) throws BuiltinException {
    String file = Args.string(a, 0);
    String source = Args.string(a, 1);
    try {
      return AstJson.module(Parser.parseModule(file, source, ParseOptions.DEFAULT));
    } catch (RegoException e) {
      throw new BuiltinException(e.getMessage());
    }
  }
}
