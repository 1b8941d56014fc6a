package io.meshward.policy.builtins.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.cache.BoundedCache;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Regular expressions with Go's RE2 syntax and semantics (via re2j): {@code regex.*} and {@code
 * re_match}. Compiled patterns are immutable, so one bounded cache serves all evaluations.
 */
public final class RegexBuiltins implements BuiltinFamily {

  private static final int CACHE_SIZE = 1_000;

  private final BoundedCache<String, Pattern> patterns = new BoundedCache<>(CACHE_SIZE);
  private final BoundedCache<List<String>, Pattern> templates = new BoundedCache<>(CACHE_SIZE);

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("re_match", "(string, string) -> boolean", (ctx, args) -> match(args));
    table.add("regex.match", "(string, string) -> boolean", (ctx, args) -> match(args));
    table.add(
        "regex.is_valid",
        "(string) -> boolean",
        (ctx, args) -> BooleanValue.of(args[0] instanceof StringValue s && isValid(s.value())));
    table.add(
        "regex.split",
        "(string, string) -> array[string]",
        (ctx, args) -> strings(GoRegex.split(pattern(Args.string(args, 0)), Args.string(args, 1))));
    table.add(
        "regex.replace",
        "(string, string, string) -> string",
        (ctx, args) -> {
          String s = Args.string(args, 0);
          Pattern p = pattern(Args.string(args, 1));
          return StringValue.of(GoRegex.replaceAll(p, s, Args.string(args, 2)));
        });
    table.add(
        "regex.find_n",
        "(string, string, number) -> array[string]",
        (ctx, args) -> {
          Pattern p = pattern(Args.string(args, 0));
          String s = Args.string(args, 1);
          int n = Args.integer(args, 2);
          List<Value> found = new ArrayList<>();
          for (int[] m : GoRegex.findAll(p, s, n)) {
            found.add(StringValue.of(s.substring(m[0], m[1])));
          }
          return ArrayValue.of(found);
        });
    table.add(
        "regex.find_all_string_submatch_n",
        "(string, string, number) -> array[array[string]]",
        (ctx, args) -> {
          Pattern p = pattern(Args.string(args, 0));
          String s = Args.string(args, 1);
          int n = Args.integer(args, 2);
          List<Value> found = new ArrayList<>();
          for (int[] m : GoRegex.findAll(p, s, n)) {
            Value[] groups = new Value[m.length / 2];
            for (int g = 0; g < groups.length; g++) {
              groups[g] =
                  m[2 * g] < 0
                      ? StringValue.EMPTY
                      : StringValue.of(s.substring(m[2 * g], m[2 * g + 1]));
            }
            found.add(ArrayValue.of(groups));
          }
          return ArrayValue.of(found);
        });
    table.add(
        "regex.template_match",
        "(string, string, string, string) -> boolean",
        (ctx, args) -> {
          String template = Args.string(args, 0);
          String value = Args.string(args, 1);
          String start = Args.string(args, 2);
          String end = Args.string(args, 3);
          checkDelimiter("start", start);
          checkDelimiter("end", end);
          Pattern p =
              templates.get(
                  List.of(template, start, end),
                  key -> RegexTemplate.compile(template, start.charAt(0), end.charAt(0)));
          return BooleanValue.of(p.matcher(value).find());
        });
    table.add(
        "regex.globs_match",
        "(string, string) -> boolean",
        (ctx, args) ->
            BooleanValue.of(GlobIntersection.nonEmpty(Args.string(args, 0), Args.string(args, 1))));
  }

  private Value match(Value[] args) throws BuiltinException {
    Pattern p = pattern(Args.string(args, 0));
    return BooleanValue.of(p.matcher(Args.string(args, 1)).find());
  }

  private boolean isValid(String regex) {
    try {
      pattern(regex);
      return true;
    } catch (BuiltinException e) {
      return false;
    }
  }

  /** The compiled pattern, from the cache when possible; a syntax error is a builtin error. */
  Pattern pattern(String regex) throws BuiltinException {
    return patterns.get(
        regex,
        key -> {
          try {
            return Pattern.compile(key);
          } catch (PatternSyntaxException e) {
            throw new BuiltinException(e.getMessage());
          }
        });
  }

  private static void checkDelimiter(String which, String delimiter) throws BuiltinException {
    // Go counts bytes; a delimiter must be one ASCII character.
    int bytes = delimiter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes != 1) {
      throw new BuiltinException(
          which + " delimiter has to be exactly one character long but is " + bytes + " long");
    }
  }

  private static Value strings(List<String> parts) {
    List<Value> values = new ArrayList<>(parts.size());
    parts.forEach(p -> values.add(StringValue.of(p)));
    return ArrayValue.of(values);
  }
}
