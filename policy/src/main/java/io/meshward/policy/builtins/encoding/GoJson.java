package io.meshward.policy.builtins.encoding;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import io.meshward.policy.value.ValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes values as Go's {@code encoding/json} does for OPA: object keys sorted, sets as arrays,
 * HTML-sensitive characters escaped ({@code <} becomes {@code \u003c}), lone surrogates replaced,
 * and {@code MarshalIndent} layout when an indent is given. Builtins whose output OPA produces with
 * {@code json.Marshal} ({@code json.marshal}, signed JWTs, HTTP and AWS request bodies) use it so
 * that their bytes match OPA's.
 */
public final class GoJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final String prefix;
  private final String indent;
  private final StringBuilder out = new StringBuilder();

  private GoJson(String prefix, String indent) {
    this.prefix = prefix;
    this.indent = indent;
  }

  /** Compact JSON, as Go's {@code json.Marshal}. */
  public static String marshal(Value value) {
    GoJson w = new GoJson(null, null);
    w.write(value, 0);
    return w.out.toString();
  }

  /**
   * Indented JSON, as Go's {@code json.MarshalIndent}: every line, the first included, starts with
   * {@code prefix}.
   */
  public static String marshalIndent(Value value, String prefix, String indent) {
    GoJson w = new GoJson(prefix, indent);
    w.out.append(prefix);
    w.write(value, 0);
    return w.out.toString();
  }

  private void write(Value value, int depth) {
    switch (value) {
      case NullValue n -> out.append("null");
      case BooleanValue b -> out.append(b.value());
      case NumberValue n -> out.append(n);
      case StringValue s -> quote(s.value(), out);
      case ArrayValue a -> sequence(a.elements(), depth);
      case SetValue s -> sequence(s.elements(), depth);
      case ObjectValue o -> object(o, depth);
    }
  }

  private void sequence(List<Value> elements, int depth) {
    if (elements.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(depth + 1);
      write(elements.get(i), depth + 1);
    }
    newline(depth);
    out.append(']');
  }

  private void object(ObjectValue o, int depth) {
    if (o.isEmpty()) {
      out.append("{}");
      return;
    }
    List<Map.Entry<String, Value>> entries = new ArrayList<>(o.size());
    for (Value key : o.keys()) {
      String name = key instanceof StringValue s ? s.value() : Json.write(key);
      entries.add(Map.entry(name, o.get(key)));
    }
    // Go sorts keys by their UTF-8 bytes, which is code point order.
    entries.sort((a, b) -> ValueOrder.compareCodePoints(a.getKey(), b.getKey()));
    out.append('{');
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(depth + 1);
      quote(entries.get(i).getKey(), out);
      out.append(indent == null ? ":" : ": ");
      write(entries.get(i).getValue(), depth + 1);
    }
    newline(depth);
    out.append('}');
  }

  private void newline(int depth) {
    if (indent != null) {
      out.append('\n').append(prefix).append(indent.repeat(depth));
    }
  }

  /** A JSON string literal with Go's HTML-safe escaping. */
  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c, out);
        default -> {
          if (c < 0x20) {
            unicodeEscape(c, out);
          } else if (Character.isSurrogate(c)) {
            boolean pair =
                Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append("\\ufffd");
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[c >> 12 & 15])
        .append(HEX[c >> 8 & 15])
        .append(HEX[c >> 4 & 15])
        .append(HEX[c & 15]);
  }
}
