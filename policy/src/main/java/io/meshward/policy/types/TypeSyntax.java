package io.meshward.policy.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the compact type notation used to declare builtins, so that each builtin's
 * signature fits on one greppable line.
 *
 * <pre>
 * type      := alt ('|' alt)*                   any of several types
 * alt       := 'any' | 'null' | 'boolean' | 'number' | 'string'
 *            | 'array[' type ']'                 array of any length
 *            | '[' type (',' type)* ']'          array with fixed element types
 *            | 'set[' type ']'
 *            | 'object[' type ':' type ']'       object with dynamic keys and values
 *            | '{' name ':' type (',' ...)* '}'  object with these keys
 *            | '(' type ')'
 * signature := '(' [type (',' type)*] ['...' type] ')' '->' (type | 'void')
 * </pre>
 *
 * <p>Example: {@code (string, array[string]|set[string]) -> string}.
 */
public final class TypeSyntax {

  private final String text;
  private int pos;

  private TypeSyntax(String text) {
    this.text = text;
  }

  /** Parses a signature such as {@code (number, number) -> number}. */
  public static Type.FunctionType parseSignature(String text) {
    TypeSyntax p = new TypeSyntax(text);
    Type.FunctionType f = p.signature();
    p.expectEnd();
    return f;
  }

  /** Parses a single type such as {@code array[string]|set[string]}. */
  public static Type parseType(String text) {
    TypeSyntax p = new TypeSyntax(text);
    Type t = p.type();
    p.expectEnd();
    return t;
  }

  /** Writes a type in this notation. */
  public static String format(Type type) {
    return switch (type) {
      case Type.Any a when a.of().isEmpty() -> "any";
      case Type.Any a ->
          String.join("|", a.of().stream().map(TypeSyntax::formatAlternative).toList());
      case Type.Null n -> "null";
      case Type.Boolean b -> "boolean";
      case Type.Number n -> "number";
      case Type.StringType s -> "string";
      case Type.ArrayType a when a.prefix().isEmpty() -> "array[" + format(a.rest()) + "]";
      case Type.ArrayType a ->
          "[" + String.join(", ", a.prefix().stream().map(TypeSyntax::format).toList()) + "]";
      case Type.SetType s -> "set[" + format(s.element()) + "]";
      case Type.ObjectType o when o.fixed().isEmpty() ->
          "object[" + format(o.dynamicKey()) + ": " + format(o.dynamicValue()) + "]";
      case Type.ObjectType o ->
          "{"
              + String.join(
                  ", ",
                  o.fixed().entrySet().stream()
                      .sorted(Map.Entry.comparingByKey())
                      .map(e -> e.getKey() + ": " + format(e.getValue()))
                      .toList())
              + "}";
      case Type.FunctionType f -> {
        List<String> args = new ArrayList<>(f.args().stream().map(TypeSyntax::format).toList());
        if (f.variadic() != null) {
          args.add("..." + format(f.variadic()));
        }
        yield "("
            + String.join(", ", args)
            + ") -> "
            + (f.result() == null ? "void" : format(f.result()));
      }
    };
  }

  private static String formatAlternative(Type t) {
    return t instanceof Type.Any a && !a.of().isEmpty() ? "(" + format(t) + ")" : format(t);
  }

  private Type.FunctionType signature() {
    expect("(");
    List<Type> args = new ArrayList<>();
    Type variadic = null;
    skipSpace();
    if (!peek(")")) {
      do {
        if (accept("...")) {
          variadic = type();
          break;
        }
        args.add(type());
      } while (accept(","));
    }
    expect(")");
    expect("->");
    Type result = accept("void") ? null : type();
    return new Type.FunctionType(args, variadic, result);
  }

  private Type type() {
    List<Type> alternatives = new ArrayList<>();
    do {
      alternatives.add(alternative());
    } while (accept("|"));
    return alternatives.size() == 1 ? alternatives.get(0) : new Type.Any(alternatives);
  }

  private Type alternative() {
    if (accept("(")) {
      Type t = type();
      expect(")");
      return t;
    }
    if (accept("[")) {
      List<Type> prefix = new ArrayList<>();
      do {
        prefix.add(type());
      } while (accept(","));
      expect("]");
      return new Type.ArrayType(prefix, null);
    }
    if (accept("{")) {
      Map<String, Type> fixed = new LinkedHashMap<>();
      do {
        String name = word();
        expect(":");
        fixed.put(name, type());
      } while (accept(","));
      expect("}");
      return new Type.ObjectType(fixed, null, null);
    }
    String word = word();
    return switch (word) {
      case "any" -> Type.ANY;
      case "null" -> Type.NULL;
      case "boolean" -> Type.BOOLEAN;
      case "number" -> Type.NUMBER;
      case "string" -> Type.STRING;
      case "array" -> {
        expect("[");
        Type element = type();
        expect("]");
        yield new Type.ArrayType(List.of(), element);
      }
      case "set" -> {
        expect("[");
        Type element = type();
        expect("]");
        yield new Type.SetType(element);
      }
      case "object" -> {
        expect("[");
        Type key = type();
        expect(":");
        Type value = type();
        expect("]");
        yield new Type.ObjectType(Map.of(), key, value);
      }
      default -> throw error("unknown type '" + word + "'");
    };
  }

  private String word() {
    skipSpace();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos))
            || text.charAt(pos) == '_'
            || text.charAt(pos) == '.')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return text.substring(start, pos);
  }

  private boolean peek(String token) {
    skipSpace();
    return text.startsWith(token, pos);
  }

  private boolean accept(String token) {
    if (peek(token)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw error("expected '" + token + "'");
    }
  }

  private void expectEnd() {
    skipSpace();
    if (pos != text.length()) {
      throw error("unexpected text");
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at offset " + pos + " in type '" + text + "'");
  }
}
