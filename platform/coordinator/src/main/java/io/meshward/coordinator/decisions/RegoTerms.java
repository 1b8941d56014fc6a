package io.meshward.coordinator.decisions;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Term;
import io.meshward.policy.compile.CompiledPolicy;
import io.meshward.policy.compile.CompiledRule;
import io.meshward.policy.compile.RuleSet;
import java.util.List;
import java.util.function.Consumer;

/** Visits every term of a compiled policy, nested ones included, for static analyses. */
final class RegoTerms {

  private RegoTerms() {}

  static void forEachRule(CompiledPolicy policy, Consumer<CompiledRule> visitor) {
    for (RuleSet rs : policy.ruleSets().values()) {
      rs.rules().forEach(r -> forEachBranch(r, visitor));
      if (rs.defaultRule() != null) {
        forEachBranch(rs.defaultRule(), visitor);
      }
    }
  }

  private static void forEachBranch(CompiledRule rule, Consumer<CompiledRule> visitor) {
    for (CompiledRule r = rule; r != null; r = r.elseRule()) {
      visitor.accept(r);
    }
  }

  /** Every term of the rule: head, arguments and body. */
  static void walk(CompiledRule rule, Consumer<Term> visitor) {
    if (rule.args() != null) {
      rule.args().forEach(t -> walk(t, visitor));
    }
    if (rule.keyPath() != null) {
      rule.keyPath().forEach(t -> walk(t, visitor));
    }
    walk(rule.key(), visitor);
    walk(rule.value(), visitor);
    walkBody(rule.body(), visitor);
  }

  static void walkBody(List<Expr> body, Consumer<Term> visitor) {
    if (body != null) {
      body.forEach(e -> walk(e, visitor));
    }
  }

  static void walk(Expr e, Consumer<Term> visitor) {
    switch (e.kind()) {
      case Expr.TermExpr t -> walk(t.term(), visitor);
      case Expr.SomeDecl s -> s.vars().forEach(t -> walk(t, visitor));
      case Expr.SomeIn s -> {
        walk(s.key(), visitor);
        walk(s.value(), visitor);
        walk(s.domain(), visitor);
      }
      case Expr.Every ev -> {
        walk(ev.key(), visitor);
        walk(ev.value(), visitor);
        walk(ev.domain(), visitor);
        walkBody(ev.body(), visitor);
      }
      case Expr.Disjunction d -> d.alternatives().forEach(a -> walkBody(a, visitor));
      case Expr.Group g -> walkBody(g.body(), visitor);
    }
    for (Expr.With w : e.withs()) {
      walk(w.target(), visitor);
      walk(w.value(), visitor);
    }
  }

  static void walk(Term t, Consumer<Term> visitor) {
    if (t == null) {
      return;
    }
    visitor.accept(t);
    switch (t) {
      case Term.Ref r -> {
        walk(r.head(), visitor);
        r.path().forEach(p -> walk(p, visitor));
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> walk(x, visitor));
      case Term.SetTerm s -> s.items().forEach(x -> walk(x, visitor));
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    walk(en.key(), visitor);
                    walk(en.value(), visitor);
                  });
      case Term.ArrayCompr c -> {
        walk(c.head(), visitor);
        walkBody(c.body(), visitor);
      }
      case Term.SetCompr c -> {
        walk(c.head(), visitor);
        walkBody(c.body(), visitor);
      }
      case Term.ObjectCompr c -> {
        walk(c.key(), visitor);
        walk(c.value(), visitor);
        walkBody(c.body(), visitor);
      }
      case Term.Call c -> c.args().forEach(x -> walk(x, visitor));
      default -> {}
    }
  }

  /** The constant string of a term, or null. */
  static String constantString(Term t) {
    return t instanceof Term.Scalar s && s.value() instanceof io.meshward.policy.value.StringValue v
        ? v.value()
        : null;
  }

  /** Whether {@code t} is a reference rooted at the variable {@code root} ({@code input}). */
  static boolean rootedAt(Term t, String root) {
    return t instanceof Term.Ref r && r.head() instanceof Term.Var v && v.name().equals(root);
  }
}
