package io.meshward.policy.ast;

import java.util.List;

/**
 * One literal of a rule body or query: a term, {@code some}, {@code every} or an experimental
 * disjunction, possibly negated and with {@code with} modifiers.
 */
public record Expr(Location loc, boolean negated, Kind kind, List<With> withs) {

  public Expr {
    withs = List.copyOf(withs);
  }

  public Expr withKind(Kind newKind) {
    return new Expr(loc, negated, newKind, withs);
  }

  /** What the literal does. */
  public sealed interface Kind {}

  /** A term evaluated for truth: undefined or {@code false} fails the body. */
  public record TermExpr(Term term) implements Kind {}

  /** {@code some x, y}: declares local variables. */
  public record SomeDecl(List<Term> vars) implements Kind {}

  /** {@code some k, v in domain}; {@code key} is null for {@code some v in domain}. */
  public record SomeIn(Term key, Term value, Term domain) implements Kind {}

  /** {@code every k, v in domain { body }}; {@code key} may be null. */
  public record Every(Term key, Term value, Term domain, List<Expr> body) implements Kind {}

  /** Experimental {@code a or b}: succeeds for each alternative body that succeeds. */
  public record Disjunction(List<List<Expr>> alternatives) implements Kind {}

  /** A nested group of literals evaluated in order (experimental {@code and} and parentheses). */
  public record Group(List<Expr> body) implements Kind {}

  /** {@code with target as value}. */
  public record With(Term target, Term value, Location loc) {}
}
