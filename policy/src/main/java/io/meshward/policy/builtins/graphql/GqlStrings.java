package io.meshward.policy.builtins.graphql;

import io.meshward.policy.value.Json;
import java.util.ArrayList;
import java.util.List;

/** String helpers for GraphQL text: block-string dedenting, quoting for messages and printing. */
final class GqlStrings {

  private GqlStrings() {}

  /** Go's {@code %q} for the ASCII-and-printable cases error messages need. */
  static String quote(String s) {
    return io.meshward.policy.builtins.uri.GoQuote.quote(s);
  }

  /** A GraphQL string literal holding {@code s}: GraphQL escapes strings as JSON does. */
  static String literal(String s) {
    StringBuilder out = new StringBuilder();
    Json.quote(s, out);
    return out.toString();
  }

  /**
   * The value of a block string: the common indentation of all lines but the first is removed, then
   * leading and trailing blank lines.
   */
  static String blockStringValue(String raw) {
    List<String> lines = new ArrayList<>(List.of(raw.split("\r\n|\n|\r", -1)));
    int common = Integer.MAX_VALUE;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int indent = leadingWhitespace(line);
      if (indent < line.length() && indent < common) {
        common = indent;
      }
    }
    if (common != Integer.MAX_VALUE) {
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        lines.set(i, line.length() < common ? "" : line.substring(common));
      }
    }
    while (!lines.isEmpty() && isBlank(lines.get(0))) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && isBlank(lines.get(lines.size() - 1))) {
      lines.remove(lines.size() - 1);
    }
    return String.join("\n", lines);
  }

  private static int leadingWhitespace(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(String s) {
    return leadingWhitespace(s) == s.length();
  }
}
