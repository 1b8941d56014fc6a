package io.meshward.policy.parse;

import io.meshward.policy.ast.Location;
import io.meshward.policy.rego.RegoException;
import java.util.ArrayList;
import java.util.List;

/** Splits Rego source into tokens; comments are kept aside for METADATA blocks. */
final class Lexer {

  private static final String[] OPERATORS = {
    ":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "=", "<", ">",
    "+", "-", "*", "/", "%", "&", "|"
  };

  private final String file;
  private final String src;
  private final int rowBase;
  private final int colBase;
  private int pos;
  private int row = 1;
  private int lineStart;
  private final List<Comment> comments = new ArrayList<>();

  /** A {@code #} comment: its text after the hash and its location. */
  record Comment(String text, Location loc) {}

  Lexer(String file, String src) {
    this(file, src, 0, 0);
  }

  /** A lexer for a fragment that starts at the given row/column offset of the file. */
  Lexer(String file, String src, int rowBase, int colBase) {
    this.file = file;
    this.src = src;
    this.rowBase = rowBase;
    this.colBase = colBase;
  }

  List<Comment> comments() {
    return comments;
  }

  List<Token> tokenize() {
    List<Token> out = new ArrayList<>();
    while (true) {
      boolean newline = false;
      boolean space = false;
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (c == '\n') {
          newline = true;
          space = true;
          pos++;
          row++;
          lineStart = pos;
        } else if (c == ' ' || c == '\t' || c == '\r') {
          space = true;
          pos++;
        } else if (c == '#') {
          Location at = loc();
          int start = pos + 1;
          while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
          }
          comments.add(new Comment(src.substring(start, pos), at));
          space = true;
        } else {
          break;
        }
      }
      if (pos >= src.length()) {
        out.add(new Token(TokenType.EOF, "", loc(), true, true, null));
        return out;
      }
      out.add(next(newline, space));
    }
  }

  private Location loc() {
    int r = row + rowBase;
    int c = pos - lineStart + 1 + (row == 1 ? colBase : 0);
    return new Location(file, r, c);
  }

  private RegoException error(Location at, String msg) {
    return new RegoException(at, "rego_parse_error", msg);
  }

  private Token next(boolean newline, boolean space) {
    Location at = loc();
    char c = src.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return new Token(TokenType.IDENT, src.substring(start, pos), at, newline, space, null);
    }
    if (Character.isDigit(c)) {
      return new Token(TokenType.NUMBER, number(at), at, newline, space, null);
    }
    if (c == '"') {
      pos++;
      return new Token(TokenType.STRING, quoted(at), at, newline, space, null);
    }
    if (c == '`') {
      pos++;
      int start = pos;
      while (pos < src.length() && src.charAt(pos) != '`') {
        advanceChar();
      }
      if (pos >= src.length()) {
        throw error(at, "unterminated raw string");
      }
      String text = src.substring(start, pos);
      pos++;
      return new Token(TokenType.STRING, text, at, newline, space, null);
    }
    if (c == '$'
        && pos + 1 < src.length()
        && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '`')) {
      boolean raw = src.charAt(pos + 1) == '`';
      pos += 2;
      return new Token(TokenType.TEMPLATE, "", at, newline, space, template(at, raw));
    }
    for (String op : OPERATORS) {
      if (src.startsWith(op, pos)) {
        pos += op.length();
        return new Token(TokenType.OP, op, at, newline, space, null);
      }
    }
    throw error(at, "illegal token '" + new String(Character.toChars(src.codePointAt(pos))) + "'");
  }

  private void advanceChar() {
    if (pos >= src.length()) {
      throw error(loc(), "unexpected end of input inside a string or template");
    }
    if (src.charAt(pos) == '\n') {
      row++;
      lineStart = pos + 1;
    }
    pos++;
  }

  private String number(Location at) {
    int start = pos;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos + 1 < src.length()
        && src.charAt(pos) == '.'
        && Character.isDigit(src.charAt(pos + 1))) {
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    String text = src.substring(start, pos);
    try {
      new java.math.BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(at, "invalid number " + text + ": " + e.getMessage());
    }
    if (text.length() > 1 && text.startsWith("0") && Character.isDigit(text.charAt(1))) {
      throw error(at, "illegal number format: leading zero");
    }
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      throw error(at, "illegal number format");
    }
    return text;
  }

  /** Reads a double-quoted string body (after the opening quote) and decodes escapes. */
  private String quoted(Location at) {
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(at, "non-terminated string");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        escape(sb, at, false);
      } else {
        sb.append(c);
      }
    }
  }

  private void escape(StringBuilder sb, Location at, boolean template) {
    if (pos >= src.length()) {
      throw error(at, "non-terminated string");
    }
    char e = src.charAt(pos++);
    switch (e) {
      case '"' -> sb.append('"');
      case '\\' -> sb.append('\\');
      case '/' -> sb.append('/');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> {
        if (pos + 4 > src.length()) {
          throw error(at, "invalid unicode escape in string");
        }
        try {
          sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
        } catch (NumberFormatException ex) {
          throw error(at, "invalid unicode escape in string");
        }
        pos += 4;
      }
      case '{' -> {
        if (!template) {
          throw error(at, "invalid escape sequence \\{ in string");
        }
        sb.append('{');
      }
      default -> throw error(at, "invalid escape sequence \\" + e + " in string");
    }
  }

  private List<Object> template(Location at, boolean raw) {
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    char close = raw ? '`' : '"';
    while (true) {
      if (pos >= src.length() || (!raw && src.charAt(pos) == '\n')) {
        throw error(at, "non-terminated template string");
      }
      char c = src.charAt(pos);
      if (c == close) {
        pos++;
        break;
      }
      if (c == '\\' && !raw) {
        pos++;
        escape(lit, at, true);
      } else if (c == '\\' && raw && pos + 1 < src.length() && src.charAt(pos + 1) == '{') {
        pos += 2;
        lit.append('{');
      } else if (c == '{') {
        if (!lit.isEmpty()) {
          parts.add(lit.toString());
          lit.setLength(0);
        }
        pos++;
        Location exprAt = loc();
        int start = pos;
        skipBalanced(at);
        parts.add(new Token.Embedded(src.substring(start, pos), exprAt));
        pos++;
      } else {
        lit.append(c);
        advanceChar();
      }
    }
    if (!lit.isEmpty()) {
      parts.add(lit.toString());
    }
    return parts;
  }

  /** Moves to the '}' closing a template expression, skipping nested braces and strings. */
  private void skipBalanced(Location at) {
    int depth = 0;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '}' && depth == 0) {
        return;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == '"') {
        pos++;
        quoted(at);
        continue;
      } else if (c == '`') {
        pos++;
        while (pos < src.length() && src.charAt(pos) != '`') {
          advanceChar();
        }
      } else if (c == '$'
          && pos + 1 < src.length()
          && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '`')) {
        boolean raw = src.charAt(pos + 1) == '`';
        pos += 2;
        template(at, raw);
        continue;
      }
      advanceChar();
    }
    throw error(at, "non-terminated template expression");
  }
}
