package io.meshward.policy.compile;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Term;
import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.types.Type;
import io.meshward.policy.types.TypeSyntax;
import io.meshward.policy.value.ValueKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks builtin arguments against the declared signatures wherever an argument's type is certain:
 * literals, results of builtins with one declared result type, and variables assigned from those.
 * Anything uncertain (input, data, rules) is not checked, so a valid policy is never rejected.
 */
final class TypeCheck {

  private final BuiltinTable builtins;
  private final List<RegoError> errors;
  private final Map<Integer, ValueKind> locals = new HashMap<>();

  private TypeCheck(BuiltinTable builtins, List<RegoError> errors) {
    this.builtins = builtins;
    this.errors = errors;
  }

  /** Checks an ordered body (variables are bound in this order). */
  static void check(List<Expr> body, BuiltinTable builtins, List<RegoError> errors) {
    new TypeCheck(builtins, errors).body(body);
  }

  private void body(List<Expr> body) {
    for (Expr e : body) {
      expr(e);
    }
  }

  private void expr(Expr e) {
    if (!e.withs().isEmpty()) {
      // `with` may replace a builtin, and with it the type of its result.
      return;
    }
    switch (e.kind()) {
      case Expr.TermExpr te -> {
        term(te.term());
        if (!e.negated()
            && te.term() instanceof Term.Call c
            && (c.name().equals("assign") || c.name().equals("eq"))
            && c.args().size() == 2
            && c.args().get(0) instanceof Term.Local l
            && !locals.containsKey(l.slot())) {
          ValueKind k = kindOf(c.args().get(1));
          if (k != null) {
            locals.put(l.slot(), k);
          }
        }
      }
      case Expr.SomeIn s -> term(s.domain());
      case Expr.Every ev -> {
        term(ev.domain());
        body(ev.body());
      }
      case Expr.Disjunction d -> d.alternatives().forEach(this::body);
      case Expr.Group g -> body(g.body());
      case Expr.SomeDecl d -> {}
    }
  }

  private void term(Term t) {
    switch (t) {
      case Term.Call c -> {
        c.args().forEach(this::term);
        builtins.lookup(c.name()).ifPresent(b -> call(b, c));
      }
      case Term.Ref r -> {
        term(r.head());
        r.path().forEach(this::term);
      }
      case Term.ArrayTerm a -> a.items().forEach(this::term);
      case Term.SetTerm s -> s.items().forEach(this::term);
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    term(en.key());
                    term(en.value());
                  });
      case Term.ArrayCompr c -> body(c.body());
      case Term.SetCompr c -> body(c.body());
      case Term.ObjectCompr c -> body(c.body());
      default -> {}
    }
  }

  private void call(Builtin b, Term.Call c) {
    Type.FunctionType sig = b.signature();
    int n = Math.min(c.args().size(), sig.arity());
    for (int i = 0; i < n; i++) {
      ValueKind k = kindOf(c.args().get(i));
      if (k != null && !accepts(sig.args().get(i), k)) {
        errors.add(RegoError.at(c.args().get(i).loc(), "rego_type_error", invalidOperand(b, i, k)));
        return;
      }
    }
  }

  /** The kind a term certainly has, or null when it is not known before evaluation. */
  private ValueKind kindOf(Term t) {
    ValueKind literal = literalKind(t);
    if (literal != null) {
      return literal;
    }
    return switch (t) {
      case Term.Local l -> locals.get(l.slot());
      case Term.Call c -> {
        Builtin b = builtins.lookup(c.name()).orElse(null);
        if (b == null || c.args().size() != b.signature().arity()) {
          yield null;
        }
        yield concreteKind(b.signature().result());
      }
      default -> null;
    };
  }

  /** Whether a value of kind {@code k} may stand where type {@code t} is expected. */
  static boolean accepts(Type t, ValueKind k) {
    return switch (t) {
      case Type.Any a -> a.of().isEmpty() || a.of().stream().anyMatch(x -> accepts(x, k));
      case Type.FunctionType f -> false;
      default -> concreteKind(t) == k;
    };
  }

  /** OPA's message for operand {@code index} (from 0) of {@code b} having the wrong kind. */
  static String invalidOperand(Builtin b, int index, ValueKind got) {
    return b.name()
        + ": invalid argument(s): operand "
        + (index + 1)
        + " must be "
        + TypeSyntax.format(b.signature().args().get(index))
        + " but got "
        + got.typeName();
  }

  /** The kind a literal or comprehension term has, or null for any other term. */
  static ValueKind literalKind(Term t) {
    return switch (t) {
      case Term.Scalar s -> s.value().kind();
      case Term.ArrayTerm a -> ValueKind.ARRAY;
      case Term.ArrayCompr a -> ValueKind.ARRAY;
      case Term.SetTerm s -> ValueKind.SET;
      case Term.SetCompr s -> ValueKind.SET;
      case Term.ObjectTerm o -> ValueKind.OBJECT;
      case Term.ObjectCompr o -> ValueKind.OBJECT;
      default -> null;
    };
  }

  private static ValueKind concreteKind(Type t) {
    return switch (t) {
      case null -> null;
      case Type.Null n -> ValueKind.NULL;
      case Type.Boolean b -> ValueKind.BOOLEAN;
      case Type.Number n -> ValueKind.NUMBER;
      case Type.StringType s -> ValueKind.STRING;
      case Type.ArrayType a -> ValueKind.ARRAY;
      case Type.SetType s -> ValueKind.SET;
      case Type.ObjectType o -> ValueKind.OBJECT;
      default -> null;
    };
  }
}
