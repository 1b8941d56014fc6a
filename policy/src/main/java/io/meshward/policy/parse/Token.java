package io.meshward.policy.parse;

import io.meshward.policy.ast.Location;
import java.util.List;

/**
 * One lexical token.
 *
 * @param type what kind of token
 * @param text the source text (identifier name, operator, number text, decoded string)
 * @param loc where it starts
 * @param newlineBefore whether a line break separates it from the previous token
 * @param spaceBefore whether any whitespace separates it from the previous token
 * @param parts for template strings: literal {@code String}s and {@link Embedded} expressions
 */
record Token(
    TokenType type,
    String text,
    Location loc,
    boolean newlineBefore,
    boolean spaceBefore,
    List<Object> parts) {

  boolean is(TokenType t) {
    return type == t;
  }

  boolean isOp(String op) {
    return type == TokenType.OP && text.equals(op);
  }

  boolean isIdent(String name) {
    return type == TokenType.IDENT && text.equals(name);
  }

  /** An expression embedded in a template string, with the location of its first character. */
  record Embedded(String source, Location loc) {}
}
