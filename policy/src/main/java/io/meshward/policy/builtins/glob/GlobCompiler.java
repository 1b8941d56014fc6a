package io.meshward.policy.builtins.glob;

import com.google.re2j.Pattern;
import io.meshward.policy.builtins.BuiltinException;
import java.util.List;

/**
 * Translates a glob (the syntax OPA's {@code glob.match} accepts) into an anchored RE2 pattern.
 * {@code *} matches any run of non-delimiter characters, {@code **} any run at all, {@code ?} one
 * non-delimiter character, {@code [abc]}/{@code [a-z]} one listed character and {@code [!...]} one
 * character not listed, {@code {a,b}} either alternative, and {@code \} escapes the next character.
 */
final class GlobCompiler {

  private final String glob;
  private final String nonDelimiter;
  private int pos;

  private GlobCompiler(String glob, List<Integer> delimiters) {
    this.glob = glob;
    if (delimiters.isEmpty()) {
      this.nonDelimiter = ".";
    } else {
      StringBuilder cls = new StringBuilder("[^");
      delimiters.forEach(d -> cls.append(codePoint(d)));
      this.nonDelimiter = cls.append(']').toString();
    }
  }

  static Pattern compile(String glob, List<Integer> delimiters) throws BuiltinException {
    GlobCompiler compiler = new GlobCompiler(glob, delimiters);
    StringBuilder regex = new StringBuilder("(?s)^(?:");
    compiler.sequence(regex, false);
    if (compiler.pos < glob.length()) {
      throw compiler.error("unexpected '" + glob.charAt(compiler.pos) + "'");
    }
    regex.append(")$");
    return Pattern.compile(regex.toString());
  }

  /** Reads until the end, or (inside braces) until an unescaped ',' or '}'. */
  private void sequence(StringBuilder out, boolean inBraces) throws BuiltinException {
    while (pos < glob.length()) {
      int cp = glob.codePointAt(pos);
      if (inBraces && (cp == ',' || cp == '}')) {
        return;
      }
      switch (cp) {
        case '\\' -> {
          pos++;
          if (pos >= glob.length()) {
            throw error("unexpected end of pattern after '\\'");
          }
          int escaped = glob.codePointAt(pos);
          out.append(codePoint(escaped));
          pos += Character.charCount(escaped);
        }
        case '*' -> {
          if (pos + 1 < glob.length() && glob.charAt(pos + 1) == '*') {
            out.append(".*");
            pos += 2;
          } else {
            out.append(nonDelimiter).append('*');
            pos++;
          }
        }
        case '?' -> {
          out.append(nonDelimiter);
          pos++;
        }
        case '[' -> characterClass(out);
        case '{' -> alternatives(out);
        default -> {
          out.append(codePoint(cp));
          pos += Character.charCount(cp);
        }
      }
    }
  }

  private void alternatives(StringBuilder out) throws BuiltinException {
    pos++; // '{'
    out.append("(?:");
    while (true) {
      sequence(out, true);
      if (pos >= glob.length()) {
        throw error("unclosed '{'");
      }
      char c = glob.charAt(pos++);
      if (c == '}') {
        break;
      }
      out.append('|');
    }
    out.append(')');
  }

  private void characterClass(StringBuilder out) throws BuiltinException {
    pos++; // '['
    boolean negated = pos < glob.length() && glob.charAt(pos) == '!';
    if (negated) {
      pos++;
    }
    StringBuilder cls = new StringBuilder(negated ? "[^" : "[");
    boolean any = false;
    while (true) {
      if (pos >= glob.length()) {
        throw error("unclosed '['");
      }
      int cp = glob.codePointAt(pos);
      if (cp == ']') {
        pos++;
        break;
      }
      if (cp == '\\' && pos + 1 < glob.length()) {
        pos++;
        cp = glob.codePointAt(pos);
      }
      pos += Character.charCount(cp);
      cls.append(codePoint(cp));
      any = true;
      if (pos + 1 < glob.length() && glob.charAt(pos) == '-' && glob.charAt(pos + 1) != ']') {
        pos++;
        int hi = glob.codePointAt(pos);
        pos += Character.charCount(hi);
        if (hi < cp) {
          throw error(
              "invalid range "
                  + new String(Character.toChars(cp))
                  + "-"
                  + new String(Character.toChars(hi)));
        }
        cls.append('-').append(codePoint(hi));
      }
    }
    if (!any) {
      throw error("empty character class");
    }
    out.append(cls).append(']');
  }

  private static String codePoint(int cp) {
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  private BuiltinException error(String message) {
    return new BuiltinException(message + " in glob pattern \"" + glob + "\" at position " + pos);
  }
}
