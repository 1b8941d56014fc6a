package io.meshward.policy.builtins.graphql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits GraphQL source into tokens, tracking 1-based line and column (in code points). Comments,
 * commas and white space are skipped. A malformed token becomes an {@link Kind#INVALID} token so
 * the parser reports it where it stands.
 */
final class GqlLexer {

  enum Kind {
    INVALID("<Invalid>"),
    EOF("<EOF>"),
    BANG("!"),
    DOLLAR("$"),
    AMP("&"),
    PAREN_L("("),
    PAREN_R(")"),
    SPREAD("..."),
    COLON(":"),
    EQUALS("="),
    AT("@"),
    BRACKET_L("["),
    BRACKET_R("]"),
    BRACE_L("{"),
    PIPE("|"),
    BRACE_R("}"),
    NAME("Name"),
    INT("Int"),
    FLOAT("Float"),
    STRING("String"),
    BLOCK_STRING("BlockString");

    private final String display;

    Kind(String display) {
      this.display = display;
    }

    @Override
    public String toString() {
      return display;
    }
  }

  /** A token with its decoded value (names, numbers, strings) and where it starts. */
  record Token(Kind kind, String value, int line, int column) {
    /** How error messages show the token: {@code Name "foo"}, or just the punctuator. */
    String describe() {
      return switch (kind) {
        case NAME, INT, FLOAT, STRING, BLOCK_STRING -> kind + " " + GqlStrings.quote(value);
        default -> kind.toString();
      };
    }
  }

  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;

  private GqlLexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    GqlLexer lexer = new GqlLexer(src);
    List<Token> tokens = new ArrayList<>();
    while (true) {
      Token t = lexer.next();
      tokens.add(t);
      if (t.kind() == Kind.EOF || t.kind() == Kind.INVALID) {
        return tokens;
      }
    }
  }

  private int column(int at) {
    return src.codePointCount(lineStart, at) + 1;
  }

  private Token token(Kind kind, String value, int start) {
    return new Token(kind, value, line, column(start));
  }

  private Token next() {
    skipIgnored();
    if (pos >= src.length()) {
      return token(Kind.EOF, "", pos);
    }
    int start = pos;
    char c = src.charAt(pos);
    Kind punct =
        switch (c) {
          case '!' -> Kind.BANG;
          case '$' -> Kind.DOLLAR;
          case '&' -> Kind.AMP;
          case '(' -> Kind.PAREN_L;
          case ')' -> Kind.PAREN_R;
          case ':' -> Kind.COLON;
          case '=' -> Kind.EQUALS;
          case '@' -> Kind.AT;
          case '[' -> Kind.BRACKET_L;
          case ']' -> Kind.BRACKET_R;
          case '{' -> Kind.BRACE_L;
          case '|' -> Kind.PIPE;
          case '}' -> Kind.BRACE_R;
          default -> null;
        };
    if (punct != null) {
      pos++;
      return token(punct, "", start);
    }
    if (c == '.') {
      if (src.startsWith("...", pos)) {
        pos += 3;
        return token(Kind.SPREAD, "", start);
      }
      return token(Kind.INVALID, "", start);
    }
    if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      while (pos < src.length() && isNameChar(src.charAt(pos))) {
        pos++;
      }
      return token(Kind.NAME, src.substring(start, pos), start);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(start);
    }
    if (c == '"') {
      return src.startsWith("\"\"\"", pos) ? blockString(start) : string(start);
    }
    return token(Kind.INVALID, "", start);
  }

  private static boolean isNameChar(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private void skipIgnored() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == ',' || c == '\ufeff') {
        pos++;
      } else if (c == '\n' || c == '\r') {
        newline();
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  /** Consumes one line break ({@code \r\n} counts once). */
  private void newline() {
    if (src.charAt(pos) == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
      pos++;
    }
    pos++;
    line++;
    lineStart = pos;
  }

  private Token number(int start) {
    boolean isFloat = false;
    if (src.charAt(pos) == '-') {
      pos++;
    }
    if (pos < src.length() && src.charAt(pos) == '0') {
      pos++;
      if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        return token(Kind.INVALID, "", pos);
      }
    } else if (!digits()) {
      return token(Kind.INVALID, "", pos);
    }
    if (pos < src.length() && src.charAt(pos) == '.') {
      isFloat = true;
      pos++;
      if (!digits()) {
        return token(Kind.INVALID, "", pos);
      }
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      isFloat = true;
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      if (!digits()) {
        return token(Kind.INVALID, "", pos);
      }
    }
    if (pos < src.length() && (src.charAt(pos) == '.' || isNameChar(src.charAt(pos)))) {
      return token(Kind.INVALID, "", pos);
    }
    return token(isFloat ? Kind.FLOAT : Kind.INT, src.substring(start, pos), start);
  }

  private boolean digits() {
    int start = pos;
    while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private Token string(int start) {
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        return token(Kind.STRING, value.toString(), start + 1);
      }
      if (c == '\n' || c == '\r') {
        break;
      }
      if (c == '\\') {
        if (pos + 1 >= src.length()) {
          break;
        }
        char e = src.charAt(pos + 1);
        switch (e) {
          case '"', '\\', '/' -> value.append(e);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (pos + 6 > src.length()) {
              return token(Kind.INVALID, "", pos);
            }
            try {
              value.append((char) Integer.parseInt(src.substring(pos + 2, pos + 6), 16));
            } catch (NumberFormatException ex) {
              return token(Kind.INVALID, "", pos);
            }
            pos += 4;
          }
          default -> {
            return token(Kind.INVALID, "", pos);
          }
        }
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    return token(Kind.INVALID, "", pos);
  }

  private Token blockString(int start) {
    int startLine = line;
    int startColumn = column(start) + 3;
    pos += 3;
    StringBuilder raw = new StringBuilder();
    while (pos < src.length()) {
      if (src.startsWith("\"\"\"", pos)) {
        pos += 3;
        return new Token(
            Kind.BLOCK_STRING, GqlStrings.blockStringValue(raw.toString()), startLine, startColumn);
      }
      if (src.startsWith("\\\"\"\"", pos)) {
        raw.append("\"\"\"");
        pos += 4;
        continue;
      }
      char c = src.charAt(pos);
      if (c == '\n' || c == '\r') {
        raw.append(c);
        if (c == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
          raw.append('\n');
        }
        newline();
        continue;
      }
      raw.append(c);
      pos++;
    }
    return token(Kind.INVALID, "", pos);
  }
}
