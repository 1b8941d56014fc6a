package io.meshward.policy.builtins.strings;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Parses the Go text/template subset that {@link TemplateRenderer} runs. */
final class TemplateParser {

  sealed interface Node permits Text, Action, If, Range, With {}

  record Text(String text) implements Node {}

  record Action(Pipeline pipeline) implements Node {}

  record If(Pipeline pipeline, List<Node> then, List<Node> otherwise) implements Node {}

  record Range(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {}

  record With(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {}

  /** {@code $x := cmd | cmd}: declared (or, with {@code =}, assigned) variables and commands. */
  record Pipeline(List<String> declarations, boolean assign, List<List<Operand>> commands) {}

  sealed interface Operand permits Literal, Field, Variable, Sub, Function {}

  record Literal(Value value) implements Operand {}

  /** {@code .a.b}; an empty chain is the dot itself. */
  record Field(List<String> chain) implements Operand {}

  record Variable(String name, List<String> chain) implements Operand {}

  record Sub(Pipeline pipeline) implements Operand {}

  record Function(String name) implements Operand {}

  /** A raw piece of the template: text, or the inside of one action. */
  private record Item(boolean action, String content) {}

  private final String template;
  private List<Item> items;
  private int position;

  TemplateParser(String template) {
    this.template = template;
  }

  List<Node> parse() throws BuiltinException {
    items = split(template);
    position = 0;
    List<Node> nodes = new ArrayList<>();
    String end = parseList(nodes);
    if (end != null) {
      throw error("unexpected {{" + end + "}}");
    }
    return nodes;
  }

  // ---- splitting text and actions ----

  private static List<Item> split(String t) throws BuiltinException {
    List<Item> out = new ArrayList<>();
    int i = 0;
    boolean trimNextText = false;
    while (i < t.length()) {
      int open = t.indexOf("{{", i);
      String text = open < 0 ? t.substring(i) : t.substring(i, open);
      if (trimNextText) {
        text = stripLeading(text);
      }
      if (open < 0) {
        addText(out, text);
        break;
      }
      int start = open + 2;
      if (t.startsWith("- ", start) || t.startsWith("-\t", start) || t.startsWith("-\n", start)) {
        text = stripTrailing(text);
        start += 2;
      }
      addText(out, text);
      int close = findClose(t, start);
      if (close < 0) {
        throw new BuiltinException("template: unclosed action");
      }
      int contentEnd = close;
      trimNextText = false;
      if (close - 2 >= start
          && t.charAt(close - 1) == '-'
          && Character.isWhitespace(t.charAt(close - 2))) {
        contentEnd = close - 2;
        trimNextText = true;
      }
      out.add(new Item(true, t.substring(start, contentEnd).trim()));
      i = close + 2;
    }
    return out;
  }

  private static void addText(List<Item> out, String text) {
    if (!text.isEmpty()) {
      out.add(new Item(false, text));
    }
  }

  /** The index of the {@code }}} closing an action, skipping quoted strings. */
  private static int findClose(String t, int from) {
    int i = from;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == '"' || c == '`' || c == '\'') {
        int j = i + 1;
        while (j < t.length() && t.charAt(j) != c) {
          j += (c != '`' && t.charAt(j) == '\\') ? 2 : 1;
        }
        i = j + 1;
        continue;
      }
      if (t.startsWith("}}", i)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripTrailing(String s) {
    int i = s.length();
    while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i);
  }

  // ---- structure ----

  /**
   * Parses nodes into {@code out} until {@code {{end}}} or {@code {{else ...}}}; returns that
   * action's content, or null at the end of the template.
   */
  private String parseList(List<Node> out) throws BuiltinException {
    while (position < items.size()) {
      Item item = items.get(position++);
      if (!item.action()) {
        out.add(new Text(item.content()));
        continue;
      }
      String content = item.content();
      if (content.startsWith("/*")) {
        if (!content.endsWith("*/")) {
          throw error("unclosed comment");
        }
        continue;
      }
      List<Object> tokens = new Lexer(content).tokens();
      if (tokens.isEmpty()) {
        throw error("missing value for command");
      }
      Object first = tokens.get(0);
      if (first instanceof Keyword k) {
        switch (k.word()) {
          case "end", "else" -> {
            return content;
          }
          case "if", "with", "range" ->
              out.add(control(k.word(), tokens.subList(1, tokens.size())));
          default -> throw error("{{" + k.word() + "}} is not supported");
        }
        continue;
      }
      out.add(new Action(pipeline(tokens, true)));
    }
    return null;
  }

  private Node control(String kind, List<Object> tokens) throws BuiltinException {
    Pipeline p = pipeline(tokens, true);
    List<Node> body = new ArrayList<>();
    String end = parseList(body);
    List<Node> otherwise = new ArrayList<>();
    if (end == null) {
      throw error("unexpected EOF in {{" + kind + "}}");
    }
    if (!end.equals("end")) {
      String rest = end.substring(4).trim();
      if (!rest.isEmpty()) {
        // "else if ..." or "else with ...": a nested block sharing this block's {{end}}.
        List<Object> elseTokens = new Lexer(rest).tokens();
        if (!(elseTokens.get(0) instanceof Keyword k)
            || !k.word().equals(kind)
            || kind.equals("range")) {
          throw error("unexpected {{" + end + "}}");
        }
        otherwise.add(control(kind, elseTokens.subList(1, elseTokens.size())));
      } else {
        String last = parseList(otherwise);
        if (last == null || !last.equals("end")) {
          throw error("expected {{end}} in {{" + kind + "}}");
        }
      }
    }
    return switch (kind) {
      case "if" -> new If(p, body, otherwise);
      case "with" -> new With(p, body, otherwise);
      default -> new Range(p, body, otherwise);
    };
  }

  private Pipeline pipeline(List<Object> tokens, boolean allowDeclarations)
      throws BuiltinException {
    List<String> declarations = new ArrayList<>();
    boolean assign = false;
    int i = 0;
    if (allowDeclarations) {
      int j = 0;
      List<String> vars = new ArrayList<>();
      while (j < tokens.size() && tokens.get(j) instanceof Variable v && v.chain().isEmpty()) {
        vars.add(v.name());
        j++;
        if (j < tokens.size() && tokens.get(j) instanceof Punct p && p.text().equals(",")) {
          j++;
          continue;
        }
        break;
      }
      if (!vars.isEmpty()
          && j < tokens.size()
          && tokens.get(j) instanceof Punct p
          && (p.text().equals(":=") || p.text().equals("="))) {
        if (vars.size() > 2) {
          throw error("too many declarations");
        }
        declarations = vars;
        assign = p.text().equals("=");
        i = j + 1;
      }
    }
    List<List<Operand>> commands = new ArrayList<>();
    List<Operand> current = new ArrayList<>();
    while (i < tokens.size()) {
      Object t = tokens.get(i);
      if (t instanceof Punct p && p.text().equals("|")) {
        if (current.isEmpty()) {
          throw error("missing command before |");
        }
        commands.add(current);
        current = new ArrayList<>();
        i++;
        continue;
      }
      if (t instanceof Punct p && p.text().equals("(")) {
        int depth = 1;
        int j = i + 1;
        while (j < tokens.size() && depth > 0) {
          if (tokens.get(j) instanceof Punct q) {
            depth += q.text().equals("(") ? 1 : q.text().equals(")") ? -1 : 0;
          }
          j++;
        }
        if (depth != 0) {
          throw error("unclosed left paren");
        }
        current.add(new Sub(pipeline(tokens.subList(i + 1, j - 1), false)));
        i = j;
        continue;
      }
      if (t instanceof Operand o) {
        current.add(o);
        i++;
        continue;
      }
      throw error("unexpected " + t + " in command");
    }
    if (current.isEmpty()) {
      throw error("missing value for command");
    }
    commands.add(current);
    return new Pipeline(declarations, assign, commands);
  }

  private BuiltinException error(String message) {
    return new BuiltinException("template: " + message);
  }

  // ---- tokens ----

  private record Keyword(String word) {}

  private record Punct(String text) {}

  private static final class Lexer {
    private final String s;
    private int i;

    Lexer(String s) {
      this.s = s;
    }

    List<Object> tokens() throws BuiltinException {
      List<Object> out = new ArrayList<>();
      while (true) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i >= s.length()) {
          return out;
        }
        char c = s.charAt(i);
        if (c == '(' || c == ')' || c == '|' || c == ',') {
          out.add(new Punct(String.valueOf(c)));
          i++;
        } else if (s.startsWith(":=", i)) {
          out.add(new Punct(":="));
          i += 2;
        } else if (c == '=') {
          out.add(new Punct("="));
          i++;
        } else if (c == '"') {
          out.add(new Literal(StringValue.of(quoted())));
        } else if (c == '`') {
          int end = s.indexOf('`', i + 1);
          if (end < 0) {
            throw new BuiltinException("template: unterminated raw quoted string");
          }
          out.add(new Literal(StringValue.of(s.substring(i + 1, end))));
          i = end + 1;
        } else if (c == '.' && (i + 1 >= s.length() || !Character.isDigit(s.charAt(i + 1)))) {
          out.add(new Field(chain()));
        } else if (c == '$') {
          int start = i++;
          while (i < s.length() && isIdentifierPart(s.charAt(i))) {
            i++;
          }
          String name = s.substring(start, i);
          out.add(new Variable(name, chain()));
        } else if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
          int start = i++;
          while (i < s.length()
              && (Character.isLetterOrDigit(s.charAt(i))
                  || s.charAt(i) == '.'
                  || ((s.charAt(i) == '-' || s.charAt(i) == '+')
                      && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
            i++;
          }
          String text = s.substring(start, i);
          try {
            out.add(
                new Literal(NumberValue.parse(text.startsWith("+") ? text.substring(1) : text)));
          } catch (NumberFormatException e) {
            throw new BuiltinException("template: bad number syntax: " + text);
          }
        } else if (isIdentifierPart(c)) {
          int start = i;
          while (i < s.length() && isIdentifierPart(s.charAt(i))) {
            i++;
          }
          String word = s.substring(start, i);
          switch (word) {
            case "true" -> out.add(new Literal(BooleanValue.TRUE));
            case "false" -> out.add(new Literal(BooleanValue.FALSE));
            case "nil" -> out.add(new Literal(NullValue.INSTANCE));
            case "if",
                "else",
                "end",
                "range",
                "with",
                "define",
                "template",
                "block",
                "break",
                "continue" ->
                out.add(new Keyword(word));
            default -> out.add(new Function(word));
          }
        } else {
          throw new BuiltinException("template: unexpected \"" + c + "\" in command");
        }
      }
    }

    private List<String> chain() {
      List<String> names = new ArrayList<>();
      while (i < s.length() && s.charAt(i) == '.') {
        int start = ++i;
        while (i < s.length() && isIdentifierPart(s.charAt(i))) {
          i++;
        }
        if (i > start) {
          names.add(s.substring(start, i));
        }
      }
      return names;
    }

    private String quoted() throws BuiltinException {
      StringBuilder out = new StringBuilder();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (i >= s.length()) {
          break;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '\\' -> out.append('\\');
          case '"' -> out.append('"');
          case '\'' -> out.append('\'');
          default -> throw new BuiltinException("template: unsupported escape \\" + e);
        }
      }
      throw new BuiltinException("template: unterminated quoted string");
    }

    private static boolean isIdentifierPart(char c) {
      return Character.isLetterOrDigit(c) || c == '_';
    }
  }
}
