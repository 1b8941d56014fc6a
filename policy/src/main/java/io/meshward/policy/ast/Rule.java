package io.meshward.policy.ast;

import java.util.List;

/**
 * A rule as written.
 *
 * @param ref the head reference ({@code p}, {@code a.b[x]}); element 0 is the rule name as a Var
 * @param args function parameters, or null when the rule is not a function
 * @param key the element of a {@code contains} rule, or null
 * @param value the value term; null means {@code true}
 * @param assign whether the head used {@code :=}
 * @param body the body; empty for rules without one
 * @param elseRule the next {@code else} branch, or null
 * @param annotations METADATA attached to this rule, or null
 */
public record Rule(
    Location loc,
    boolean isDefault,
    Term.Ref ref,
    List<Term> args,
    Term key,
    Term value,
    boolean assign,
    List<Expr> body,
    Rule elseRule,
    Annotations annotations) {

  public boolean isFunction() {
    return args != null;
  }

  public boolean isContains() {
    return key != null;
  }
}
