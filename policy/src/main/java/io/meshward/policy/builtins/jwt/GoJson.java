package io.meshward.policy.builtins.jwt;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.List;

/**
 * Compact JSON as Go's {@code json.Marshal} writes it: sorted object keys and HTML-safe string
 * escapes ({@code <}, {@code >}, {@code &} as {@code \u003c} ...), so signed tokens match OPA's
 * byte for byte.
 */
public final class GoJson {

  private GoJson() {}

  public static String write(Value v) {
    StringBuilder out = new StringBuilder();
    write(v, out);
    return out.toString();
  }

  private static void write(Value v, StringBuilder out) {
    switch (v) {
      case NullValue n -> out.append("null");
      case BooleanValue b -> out.append(b.value());
      case NumberValue n -> out.append(n);
      case StringValue s -> quote(s.value(), out);
      case ArrayValue a -> sequence(a.elements(), out);
      case SetValue s -> sequence(s.elements(), out);
      case ObjectValue o -> {
        out.append('{');
        boolean first = true;
        for (Value key : o.keys()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(key instanceof StringValue s ? s.value() : write(key), out);
          out.append(':');
          write(o.get(key), out);
        }
        out.append('}');
      }
    }
  }

  private static void sequence(List<Value> elements, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(elements.get(i), out);
    }
    out.append(']');
  }

  static void quote(String s, StringBuilder out) {
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
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
