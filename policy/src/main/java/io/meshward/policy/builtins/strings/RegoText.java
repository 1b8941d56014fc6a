package io.meshward.policy.builtins.strings;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;

/**
 * Values written the way OPA prints terms ({@code ["a", 1]}, {@code {"k": 1}}, {@code {1, 2}},
 * {@code set()}), which is what {@code sprintf} shows for composite operands.
 */
final class RegoText {

  private RegoText() {}

  static String write(Value value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  static void write(Value value, StringBuilder out) {
    switch (value) {
      case NullValue n -> out.append("null");
      case BooleanValue b -> out.append(b.value());
      case NumberValue n -> out.append(n);
      case StringValue s -> out.append(GoQuote.quote(s.value()));
      case ArrayValue a -> {
        out.append('[');
        for (int i = 0; i < a.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          write(a.get(i), out);
        }
        out.append(']');
      }
      case SetValue s -> {
        if (s.isEmpty()) {
          out.append("set()");
          return;
        }
        out.append('{');
        boolean first = true;
        for (Value v : s) {
          if (!first) {
            out.append(", ");
          }
          first = false;
          write(v, out);
        }
        out.append('}');
      }
      case ObjectValue o -> {
        out.append('{');
        boolean first = true;
        for (Value k : o.keys()) {
          if (!first) {
            out.append(", ");
          }
          first = false;
          write(k, out);
          out.append(": ");
          write(o.get(k), out);
        }
        out.append('}');
      }
    }
  }
}
