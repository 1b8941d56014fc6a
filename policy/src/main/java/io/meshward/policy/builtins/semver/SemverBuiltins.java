package io.meshward.policy.builtins.semver;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;

/** Semantic Versioning 2.0.0: validation and precedence. */
public final class SemverBuiltins implements BuiltinFamily {

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "semver.is_valid",
        "(any) -> boolean",
        (ctx, a) ->
            BooleanValue.of(a[0] instanceof StringValue s && Version.parse(s.value()) != null));
    table.add(
        "semver.compare",
        "(string, string) -> number",
        (ctx, a) -> NumberValue.of(Integer.signum(version(a, 0).compareTo(version(a, 1)))));
  }

  private static Version version(Value[] args, int index) throws BuiltinException {
    String text = Args.string(args, index);
    Version v = Version.parse(text);
    if (v == null) {
      throw new BuiltinException(
          "operand " + (index + 1) + ": string \"" + text + "\" is not a valid SemVer");
    }
    return v;
  }
}
