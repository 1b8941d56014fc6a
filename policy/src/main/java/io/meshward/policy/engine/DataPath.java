package io.meshward.policy.engine;

import io.meshward.policy.value.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path into the data document, as OPA's Data API names it: {@code meshward/access} is {@code
 * data.meshward.access}; the empty path is {@code data} itself.
 *
 * @param segments the keys from the root, none empty
 */
public record DataPath(List<String> segments) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  // Like OPA's Data API, a segment that reads as a 64-bit integer indexes by number (arrays).
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");

  // Keywords are written as ["..."] so the reference parses whatever the Rego version.
  private static final Set<String> KEYWORDS =
      Set.of(
          "as",
          "contains",
          "data",
          "default",
          "else",
          "every",
          "false",
          "if",
          "import",
          "in",
          "input",
          "not",
          "null",
          "package",
          "some",
          "true",
          "with");

  public static final DataPath ROOT = new DataPath(List.of());

  public DataPath {
    segments = List.copyOf(segments);
    for (String s : segments) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("a data path segment cannot be empty: " + segments);
      }
    }
  }

  /**
   * Parses a slash-separated path; leading and trailing slashes are ignored.
   *
   * @throws IllegalArgumentException when a segment is empty, as in {@code a//b}
   */
  public static DataPath parse(String path) {
    String p = path.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return ROOT;
    }
    String[] parts = p.split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            "data path '" + path + "' has an empty segment: write it like meshward/access");
      }
    }
    return new DataPath(List.of(parts));
  }

  /**
   * The Rego reference, e.g. {@code data.meshward.access}, {@code data.x["my-key"]}; integer
   * segments become numbers as in OPA's Data API ({@code a/0} is {@code data.a[0]}).
   */
  public String toRegoRef() {
    StringBuilder sb = new StringBuilder("data");
    for (String s : segments) {
      if (IDENTIFIER.matcher(s).matches() && !KEYWORDS.contains(s)) {
        sb.append('.').append(s);
      } else if (INTEGER.matcher(s).matches()) {
        sb.append('[').append(Long.parseLong(s)).append(']');
      } else {
        sb.append('[');
        Json.quote(s, sb);
        sb.append(']');
      }
    }
    return sb.toString();
  }

  /** The path as it appears in a URL below {@code /v1/data}: segments percent-encoded. */
  public String toUrlPath() {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append('/');
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '-'
            || c == '.'
            || c == '_'
            || c == '~') {
          sb.append((char) c);
        } else {
          sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
          sb.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
