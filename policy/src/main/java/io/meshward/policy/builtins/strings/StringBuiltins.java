package io.meshward.policy.builtins.strings;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * String builtins with Go's semantics: positions and lengths count Unicode code points (runes),
 * case mapping and white space follow Go's unicode package, {@code sprintf} follows Go's fmt.
 */
public final class StringBuiltins implements BuiltinFamily {

  private static final String TWO_STRINGS_TO_STRING = "(string, string) -> string";
  private static final String TWO_STRINGS_TO_BOOLEAN = "(string, string) -> boolean";
  private static final String STRINGS = "string|array[string]|set[string]";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("concat", "(string, array[string]|set[string]) -> string", StringBuiltins::concat);
    table.add(
        "contains",
        TWO_STRINGS_TO_BOOLEAN,
        (ctx, a) -> BooleanValue.of(Args.string(a, 0).contains(Args.string(a, 1))));
    table.add(
        "startswith",
        TWO_STRINGS_TO_BOOLEAN,
        (ctx, a) -> BooleanValue.of(Args.string(a, 0).startsWith(Args.string(a, 1))));
    table.add(
        "endswith",
        TWO_STRINGS_TO_BOOLEAN,
        (ctx, a) -> BooleanValue.of(Args.string(a, 0).endsWith(Args.string(a, 1))));
    table.add("indexof", "(string, string) -> number", StringBuiltins::indexOf);
    table.add("indexof_n", "(string, string) -> array[number]", StringBuiltins::indexOfAll);
    table.add("lower", "(string) -> string", (ctx, a) -> StringValue.of(lower(Args.string(a, 0))));
    table.add("upper", "(string) -> string", (ctx, a) -> StringValue.of(upper(Args.string(a, 0))));
    table.add(
        "replace",
        "(string, string, string) -> string",
        (ctx, a) ->
            StringValue.of(replaceAll(Args.string(a, 0), Args.string(a, 1), Args.string(a, 2))));
    table.add("split", "(string, string) -> array[string]", StringBuiltins::split);
    table.add("substring", "(string, number, number) -> string", StringBuiltins::substring);
    table.add(
        "trim",
        TWO_STRINGS_TO_STRING,
        (ctx, a) -> StringValue.of(trim(Args.string(a, 0), Args.string(a, 1), true, true)));
    table.add(
        "trim_left",
        TWO_STRINGS_TO_STRING,
        (ctx, a) -> StringValue.of(trim(Args.string(a, 0), Args.string(a, 1), true, false)));
    table.add(
        "trim_right",
        TWO_STRINGS_TO_STRING,
        (ctx, a) -> StringValue.of(trim(Args.string(a, 0), Args.string(a, 1), false, true)));
    table.add(
        "trim_prefix",
        TWO_STRINGS_TO_STRING,
        (ctx, a) -> {
          String s = Args.string(a, 0);
          String prefix = Args.string(a, 1);
          return s.startsWith(prefix) ? StringValue.of(s.substring(prefix.length())) : a[0];
        });
    table.add(
        "trim_suffix",
        TWO_STRINGS_TO_STRING,
        (ctx, a) -> {
          String s = Args.string(a, 0);
          String suffix = Args.string(a, 1);
          return s.endsWith(suffix)
              ? StringValue.of(s.substring(0, s.length() - suffix.length()))
              : a[0];
        });
    table.add(
        "trim_space",
        "(string) -> string",
        (ctx, a) -> StringValue.of(trimSpace(Args.string(a, 0))));
    table.add(
        "strings.any_prefix_match",
        "(" + STRINGS + ", " + STRINGS + ") -> boolean",
        (ctx, a) -> anyMatch(a, String::startsWith));
    table.add(
        "strings.any_suffix_match",
        "(" + STRINGS + ", " + STRINGS + ") -> boolean",
        (ctx, a) -> anyMatch(a, String::endsWith));
    table.add("strings.count", "(string, string) -> number", StringBuiltins::count);
    table.add(
        "strings.replace_n",
        "(object[string: string], string) -> string",
        StringBuiltins::replaceN);
    table.add(
        "strings.reverse",
        "(string) -> string",
        (ctx, a) -> StringValue.of(reverse(Args.string(a, 0))));
    table.add(
        "strings.split_n", "(string, string, number) -> array[string]", StringBuiltins::splitN);
    table.add(
        "strings.render_template",
        "(string, object[string: any]) -> string",
        (ctx, a) -> StringValue.of(TemplateRenderer.render(Args.string(a, 0), Args.object(a, 1))));
    table.add("sprintf", "(string, array[any]) -> string", StringBuiltins::sprintf);
  }

  private static Value concat(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String delimiter = Args.string(args, 0);
    List<Value> parts = Args.collection(args, 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (!(parts.get(i) instanceof StringValue s)) {
        throw elementError(1, args[1], parts.get(i));
      }
      if (i > 0) {
        out.append(delimiter);
      }
      out.append(s.value());
    }
    return StringValue.of(out.toString());
  }

  private static Value indexOf(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String s = Args.string(args, 0);
    int at = s.indexOf(Args.string(args, 1));
    return NumberValue.of(at < 0 ? -1 : s.codePointCount(0, at));
  }

  /** Every position (in runes) where the search string starts, overlapping ones included. */
  private static Value indexOfAll(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String s = Args.string(args, 0);
    String search = Args.string(args, 1);
    List<Value> positions = new ArrayList<>();
    int runeIndex = 0;
    int charIndex = 0;
    while (charIndex < s.length()) {
      int found = s.indexOf(search, charIndex);
      if (found < 0) {
        break;
      }
      runeIndex += s.codePointCount(charIndex, found);
      positions.add(NumberValue.of(runeIndex));
      charIndex = found + Character.charCount(s.codePointAt(found));
      runeIndex++;
    }
    return ArrayValue.of(positions);
  }

  /** Go's per-rune lower-casing (no locale rules, no context such as a final sigma). */
  static String lower(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
    return out.toString();
  }

  static String upper(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(Character.toUpperCase(cp)));
    return out.toString();
  }

  /** Go's strings.ReplaceAll: an empty {@code old} matches before every rune and at the end. */
  static String replaceAll(String s, String old, String replacement) {
    if (!old.isEmpty()) {
      return s.replace(old, replacement);
    }
    StringBuilder out = new StringBuilder(s.length() * (replacement.length() + 1));
    out.append(replacement);
    s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
    return out.toString();
  }

  private static Value split(BuiltinContext ctx, Value[] args) throws BuiltinException {
    return ArrayValue.of(splitAll(Args.string(args, 0), Args.string(args, 1)));
  }

  /** Go's strings.Split: an empty separator splits into runes. */
  static List<Value> splitAll(String s, String separator) {
    List<Value> parts = new ArrayList<>();
    if (separator.isEmpty()) {
      s.codePoints().forEach(cp -> parts.add(StringValue.of(new String(Character.toChars(cp)))));
      return parts;
    }
    int start = 0;
    int found;
    while ((found = s.indexOf(separator, start)) >= 0) {
      parts.add(StringValue.of(s.substring(start, found)));
      start = found + separator.length();
    }
    parts.add(StringValue.of(s.substring(start)));
    return parts;
  }

  /** The first {@code n} parts of the full split, or the last {@code -n} when negative. */
  private static Value splitN(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String s = Args.string(args, 0);
    String separator = Args.string(args, 1);
    NumberValue count = Args.number(args, 2);
    if (!count.isInteger()) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "operand 3 must be integer number but got floating-point number");
    }
    List<Value> parts = splitAll(s, separator);
    BigInteger n = count.bigIntegerValue().orElseThrow();
    int size = parts.size();
    int keep = n.abs().min(BigInteger.valueOf(size)).intValueExact();
    return n.signum() >= 0
        ? ArrayValue.of(parts.subList(0, keep))
        : ArrayValue.of(parts.subList(size - keep, size));
  }

  /** Runes from {@code start}, {@code length} of them (all the rest when negative). */
  private static Value substring(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String s = Args.string(args, 0);
    long start = longOperand(args, 1);
    long length = longOperand(args, 2);
    if (start < 0) {
      throw new BuiltinException("negative offset");
    }
    int runes = s.codePointCount(0, s.length());
    if (start >= runes) {
      return StringValue.EMPTY;
    }
    int from = s.offsetByCodePoints(0, (int) start);
    if (length < 0 || start + length >= runes) {
      return StringValue.of(s.substring(from));
    }
    return StringValue.of(s.substring(from, s.offsetByCodePoints(from, (int) length)));
  }

  private static long longOperand(Value[] args, int index) throws BuiltinException {
    NumberValue n = Args.number(args, index);
    if (!n.isInteger()) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "operand " + (index + 1) + " must be integer number but got floating-point number");
    }
    BigDecimal v = n.bigDecimalValue();
    return n.longValue().orElse(v.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
  }

  /** Go's strings.Trim family: removes leading and/or trailing runes found in the cutset. */
  static String trim(String s, String cutset, boolean left, boolean right) {
    if (cutset.isEmpty() || s.isEmpty()) {
      return s;
    }
    int from = 0;
    int to = s.length();
    if (left) {
      while (from < to) {
        int cp = s.codePointAt(from);
        if (cutset.indexOf(cp) < 0) {
          break;
        }
        from += Character.charCount(cp);
      }
    }
    if (right) {
      while (to > from) {
        int cp = s.codePointBefore(to);
        if (cutset.indexOf(cp) < 0) {
          break;
        }
        to -= Character.charCount(cp);
      }
    }
    return s.substring(from, to);
  }

  /** Go's strings.TrimSpace: white space as Go's unicode.IsSpace defines it. */
  static String trimSpace(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isGoSpace(s.codePointAt(from))) {
      from += Character.charCount(s.codePointAt(from));
    }
    while (to > from && isGoSpace(s.codePointBefore(to))) {
      to -= Character.charCount(s.codePointBefore(to));
    }
    return s.substring(from, to);
  }

  static boolean isGoSpace(int cp) {
    return switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> cp > 0xFF && Character.isSpaceChar(cp);
    };
  }

  private static Value anyMatch(Value[] args, BiPredicate<String, String> matches)
      throws BuiltinException {
    List<String> candidates = stringsOperand(args, 0);
    List<String> affixes = stringsOperand(args, 1);
    for (String candidate : candidates) {
      for (String affix : affixes) {
        if (matches.test(candidate, affix)) {
          return BooleanValue.TRUE;
        }
      }
    }
    return BooleanValue.FALSE;
  }

  private static List<String> stringsOperand(Value[] args, int index) throws BuiltinException {
    List<Value> elements =
        switch (args[index]) {
          case StringValue s -> List.of(s);
          case ArrayValue a -> a.elements();
          case SetValue s -> s.elements();
          default ->
              throw new BuiltinException(
                  BuiltinException.Kind.TYPE,
                  "operand "
                      + (index + 1)
                      + " must be one of {string, set, array} but got "
                      + args[index].typeName());
        };
    List<String> out = new ArrayList<>(elements.size());
    for (Value v : elements) {
      if (!(v instanceof StringValue s)) {
        throw elementError(index, args[index], v);
      }
      out.add(s.value());
    }
    return out;
  }

  private static BuiltinException elementError(int index, Value collection, Value element) {
    return new BuiltinException(
        BuiltinException.Kind.TYPE,
        "operand "
            + (index + 1)
            + " must be "
            + collection.typeName()
            + " of strings but got "
            + collection.typeName()
            + " containing "
            + element.typeName());
  }

  /** Non-overlapping occurrences; an empty search string counts rune boundaries. */
  private static Value count(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String s = Args.string(args, 0);
    String search = Args.string(args, 1);
    if (search.isEmpty()) {
      return NumberValue.of(s.codePointCount(0, s.length()) + 1);
    }
    int n = 0;
    int at = 0;
    while ((at = s.indexOf(search, at)) >= 0) {
      n++;
      at += search.length();
    }
    return NumberValue.of(n);
  }

  /**
   * Go's strings.Replacer over the patterns in key order: scanning left to right, the first pattern
   * (in that order) matching at a position wins, and replaced text is not rescanned.
   */
  private static Value replaceN(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ObjectValue patterns = Args.object(args, 0);
    String s = Args.string(args, 1);
    int count = patterns.size();
    String[] olds = new String[count];
    String[] news = new String[count];
    int k = 0;
    for (Value key : patterns.keys()) {
      if (!(key instanceof StringValue oldText)) {
        throw new BuiltinException(
            BuiltinException.Kind.TYPE, "operand 1 non-string key found in pattern object");
      }
      if (!(patterns.get(key) instanceof StringValue newText)) {
        throw new BuiltinException(
            BuiltinException.Kind.TYPE, "operand 1 non-string value found in pattern object");
      }
      olds[k] = oldText.value();
      news[k] = newText.value();
      k++;
    }
    if (count == 0) {
      return args[1];
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    boolean lastWasEmptyMatch = false;
    while (i <= s.length()) {
      int matched = -1;
      for (int p = 0; p < count; p++) {
        if (s.startsWith(olds[p], i) && !(olds[p].isEmpty() && lastWasEmptyMatch)) {
          matched = p;
          break;
        }
      }
      if (matched >= 0) {
        out.append(news[matched]);
        if (!olds[matched].isEmpty()) {
          i += olds[matched].length();
          lastWasEmptyMatch = false;
          continue;
        }
        lastWasEmptyMatch = true;
      } else {
        lastWasEmptyMatch = false;
      }
      if (i == s.length()) {
        break;
      }
      int cp = s.codePointAt(i);
      out.appendCodePoint(cp);
      i += Character.charCount(cp);
      lastWasEmptyMatch = false;
    }
    return StringValue.of(out.toString());
  }

  static String reverse(String s) {
    int[] cps = s.codePoints().toArray();
    StringBuilder out = new StringBuilder(s.length());
    for (int i = cps.length - 1; i >= 0; i--) {
      out.appendCodePoint(cps[i]);
    }
    return out.toString();
  }

  /** Go's fmt.Sprintf over operands converted the way OPA converts them. */
  private static Value sprintf(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String format = Args.string(args, 0);
    ArrayValue values = Args.array(args, 1);
    List<Object> operands = new ArrayList<>(values.size());
    for (Value v : values) {
      operands.add(goOperand(v));
    }
    return StringValue.of(GoFormatter.format(format, operands));
  }

  /**
   * Integers become Go ints (or big.Ints when too large), other numbers float64 (or their text when
   * out of float64 range), strings stay strings, and everything else becomes its Rego text. As in
   * OPA, a number written with a fraction or exponent ({@code 3.0}, {@code 1e3}) is a float64 even
   * when integral; computed results are integers whenever they are integral.
   */
  static Object goOperand(Value v) {
    return switch (v) {
      case StringValue s -> s.value();
      case NumberValue n -> {
        BigDecimal d = n.bigDecimalValue();
        if (d.scale() == 0) {
          BigInteger i = d.toBigIntegerExact();
          yield i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        double f = d.doubleValue();
        if (Double.isFinite(f)) {
          yield f;
        }
        yield d.scale() < 0 ? d.unscaledValue() + "e" + (-d.scale()) : n.toString();
      }
      default -> RegoText.write(v);
    };
  }
}
