package io.meshward.policy.builtins.glob;

import com.google.re2j.Pattern;
import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.cache.BoundedCache;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glob.match} and {@code glob.quote_meta}. Delimiters: {@code null} means none, an empty
 * array means the default {@code ["."]}; each delimiter is the first character of its string.
 * Compiled globs are cached across evaluations.
 */
public final class GlobBuiltins implements BuiltinFamily {

  private static final List<Integer> DEFAULT_DELIMITERS = List.of((int) '.');

  private record Key(String glob, List<Integer> delimiters) {}

  private final BoundedCache<Key, Pattern> globs = new BoundedCache<>(1_000);

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "glob.match",
        "(string, null|array[string], string) -> boolean",
        (ctx, args) -> {
          String glob = Args.string(args, 0);
          List<Integer> delimiters = delimiters(args);
          String match = Args.string(args, 2);
          Pattern p =
              globs.get(
                  new Key(glob, delimiters), k -> GlobCompiler.compile(k.glob(), k.delimiters()));
          return BooleanValue.of(p.matcher(match).matches());
        });
    table.add(
        "glob.quote_meta",
        "(string) -> string",
        (ctx, args) -> StringValue.of(quoteMeta(Args.string(args, 0))));
  }

  private static List<Integer> delimiters(Value[] args) throws BuiltinException {
    if (args[1] instanceof NullValue) {
      return List.of();
    }
    if (!(args[1] instanceof ArrayValue array)) {
      throw Args.typeError(1, args[1], "array", "null");
    }
    if (array.isEmpty()) {
      return DEFAULT_DELIMITERS;
    }
    List<Integer> delimiters = new ArrayList<>(array.size());
    for (Value v : array) {
      if (!(v instanceof StringValue s)) {
        throw new BuiltinException(
            BuiltinException.Kind.TYPE,
            "operand 2 must be array of strings but got an element of type " + v.typeName());
      }
      if (s.value().isEmpty()) {
        throw new BuiltinException("operand 2 must not contain an empty delimiter");
      }
      delimiters.add(s.value().codePointAt(0));
    }
    return List.copyOf(delimiters);
  }

  /** Escapes every glob metacharacter with a backslash. */
  static String quoteMeta(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("*?\\[]{}".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
