package io.meshward.policy.compile;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Term;
import io.meshward.policy.rego.RegoError;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Orders the literals of a body so that every variable is bound before it is read, and reports
 * variables that can never be bound ({@code rego_unsafe_var_error}).
 */
final class Safety {

  private final Scope.Frame frame;
  private final List<RegoError> errors;
  private final Arity arity;

  /** Tells how many arguments a call's target declares, to spot output arguments. */
  interface Arity {
    /** Declared arity of the named builtin or function, or -1 when unknown. */
    int of(String name);
  }

  Safety(Scope.Frame frame, List<RegoError> errors, Arity arity) {
    this.frame = frame;
    this.errors = errors;
    this.arity = arity;
  }

  /** What a literal reads and what it may bind. */
  private record Info(BitSet inputs, BitSet outputs) {}

  /**
   * Reorders {@code body} (owned by scope depth {@code depth}); {@code bound} holds the slots bound
   * on entry and receives the slots bound by the body. {@code headVars} are slots the rule head
   * reads, which negated literals must not bind.
   */
  List<Expr> reorder(List<Expr> body, int depth, BitSet bound, BitSet headVars) {
    List<Expr> pending = new ArrayList<>(body);
    List<Info> infos = new ArrayList<>();
    int[] uses = new int[frame.size() + 1];
    for (Expr e : body) {
      BitSet all = new BitSet();
      Info raw = info(e, depth);
      all.or(raw.inputs());
      all.or(raw.outputs());
      all.stream().forEach(s -> uses[s]++);
    }
    for (Expr e : body) {
      Info raw = info(e, depth);
      if (e.negated()
          || e.kind() instanceof Expr.Every
          || e.kind() instanceof Expr.Group
          || e.kind() instanceof Expr.Disjunction) {
        BitSet in = (BitSet) raw.inputs().clone();
        BitSet out = raw.outputs();
        for (int s = out.nextSetBit(0); s >= 0; s = out.nextSetBit(s + 1)) {
          if (uses[s] > 1 || headVars.get(s) || bound.get(s)) {
            in.set(s);
          }
        }
        infos.add(new Info(in, new BitSet()));
      } else {
        infos.add(raw);
      }
    }
    List<Expr> ordered = new ArrayList<>(body.size());
    List<Info> pendingInfo = new ArrayList<>(infos);
    while (!pending.isEmpty()) {
      int pick = -1;
      for (int i = 0; i < pending.size(); i++) {
        if (ready(pending.get(i), pendingInfo.get(i), depth, bound)) {
          pick = i;
          break;
        }
      }
      if (pick < 0) {
        reportUnsafe(pending.get(0), pendingInfo.get(0), bound);
        ordered.addAll(pending);
        return ordered;
      }
      Expr e = pending.remove(pick);
      Info info = pendingInfo.remove(pick);
      bound.or(info.outputs());
      ordered.add(e);
    }
    return ordered;
  }

  /** Reports unbound head variables. */
  void checkHead(List<Term> terms, int depth, BitSet bound) {
    for (Term t : terms) {
      if (t == null) {
        continue;
      }
      BitSet in = new BitSet();
      BitSet out = new BitSet();
      value(t, depth, in, out);
      in.andNot(bound);
      if (!in.isEmpty()) {
        Term.Local l = findLocal(t, in);
        errors.add(
            RegoError.at(
                l == null ? t.loc() : l.loc(),
                "rego_unsafe_var_error",
                "var " + displayName(in.nextSetBit(0)) + " is unsafe"));
      }
    }
  }

  private String displayName(int slot) {
    String n = frame.slotNames.get(slot);
    return n.startsWith("$") ? "_" : n;
  }

  private void reportUnsafe(Expr e, Info info, BitSet bound) {
    BitSet missing = (BitSet) info.inputs().clone();
    missing.andNot(bound);
    if (missing.isEmpty()) {
      missing = (BitSet) info.outputs().clone();
      missing.andNot(bound);
    }
    int slot = missing.nextSetBit(0);
    Term.Local l = slot < 0 ? null : findLocalInExpr(e, slot);
    errors.add(
        RegoError.at(
            l == null ? e.loc() : l.loc(),
            "rego_unsafe_var_error",
            "var " + (slot < 0 ? "?" : displayName(slot)) + " is unsafe"));
  }

  private boolean ready(Expr e, Info info, int depth, BitSet bound) {
    BitSet missing = (BitSet) info.inputs().clone();
    missing.andNot(bound);
    if (!missing.isEmpty()) {
      return false;
    }
    if (e.kind() instanceof Expr.TermExpr te && te.term() instanceof Term.Call c) {
      if (c.name().equals("eq") && c.args().size() == 2) {
        return unifiable(c.args().get(0), c.args().get(1), depth, bound);
      }
      if (c.name().equals("assign") && c.args().size() == 2) {
        return evaluable(c.args().get(1), depth, bound);
      }
    }
    return true;
  }

  private boolean unifiable(Term a, Term b, int depth, BitSet bound) {
    if (evaluable(a, depth, bound) || evaluable(b, depth, bound)) {
      return true;
    }
    if (a instanceof Term.ArrayTerm x && b instanceof Term.ArrayTerm y) {
      if (x.items().size() != y.items().size()) {
        return true;
      }
      BitSet copy = (BitSet) bound.clone();
      for (int i = 0; i < x.items().size(); i++) {
        if (!unifiable(x.items().get(i), y.items().get(i), depth, copy)) {
          return false;
        }
        BitSet in = new BitSet();
        BitSet out = new BitSet();
        pattern(x.items().get(i), depth, in, out);
        pattern(y.items().get(i), depth, in, out);
        copy.or(out);
      }
      return true;
    }
    if (a instanceof Term.ObjectTerm x && b instanceof Term.ObjectTerm y) {
      if (x.entries().size() != y.entries().size()) {
        return true;
      }
      BitSet copy = (BitSet) bound.clone();
      for (int i = 0; i < x.entries().size(); i++) {
        Term va = x.entries().get(i).value();
        Term vb = null;
        for (Term.Entry ey : y.entries()) {
          if (ey.key().equals(x.entries().get(i).key())
              || (ey.key() instanceof Term.Scalar s1
                  && x.entries().get(i).key() instanceof Term.Scalar s2
                  && s1.value().equals(s2.value()))) {
            vb = ey.value();
          }
        }
        if (vb == null || !unifiable(va, vb, depth, copy)) {
          return vb == null;
        }
        BitSet in = new BitSet();
        BitSet out = new BitSet();
        pattern(va, depth, in, out);
        pattern(vb, depth, in, out);
        copy.or(out);
      }
      return true;
    }
    return false;
  }

  /** Whether a term can be evaluated to values: all its non-iteration variables are bound. */
  boolean evaluable(Term t, int depth, BitSet bound) {
    BitSet in = new BitSet();
    value(t, depth, in, new BitSet());
    in.andNot(bound);
    return in.isEmpty();
  }

  private Info info(Expr e, int depth) {
    BitSet in = new BitSet();
    BitSet out = new BitSet();
    switch (e.kind()) {
      case Expr.TermExpr te -> {
        if (te.term() instanceof Term.Call c && (c.name().equals("eq")) && c.args().size() == 2) {
          pattern(c.args().get(0), depth, in, out);
          pattern(c.args().get(1), depth, in, out);
        } else if (te.term() instanceof Term.Call c
            && c.name().equals("assign")
            && c.args().size() == 2) {
          pattern(c.args().get(0), depth, in, out);
          value(c.args().get(1), depth, in, out);
        } else if (te.term() instanceof Term.Call c
            && c.name().equals("internal.member_3")
            && c.args().size() == 3) {
          value(c.args().get(0), depth, in, out);
          value(c.args().get(1), depth, in, out);
          value(c.args().get(2), depth, in, out);
        } else if (te.term() instanceof Term.Call c
            && !c.name().equals("internal.member_2")
            && arity.of(c.name()) >= 0
            && c.args().size() == arity.of(c.name()) + 1) {
          for (int i = 0; i < c.args().size() - 1; i++) {
            value(c.args().get(i), depth, in, out);
          }
          pattern(c.args().get(c.args().size() - 1), depth, in, out);
        } else {
          value(te.term(), depth, in, out);
        }
      }
      case Expr.SomeDecl d -> {}
      case Expr.SomeIn s -> {
        if (s.key() != null) {
          pattern(s.key(), depth, in, out);
        }
        pattern(s.value(), depth, in, out);
        value(s.domain(), depth, in, out);
      }
      case Expr.Every ev -> {
        value(ev.domain(), depth, in, out);
        for (Expr b : ev.body()) {
          captured(b, depth, in);
        }
      }
      case Expr.Disjunction d -> {
        BitSet common = null;
        for (List<Expr> alt : d.alternatives()) {
          BitSet altOut = new BitSet();
          for (Expr a : alt) {
            Info i = info(a, depth);
            in.or(i.inputs());
            altOut.or(i.outputs());
          }
          if (common == null) {
            common = altOut;
          } else {
            BitSet extra = (BitSet) altOut.clone();
            extra.xor(common);
            common.and(altOut);
          }
        }
        if (common != null) {
          out.or(common);
        }
        in.andNot(out);
      }
      case Expr.Group g -> {
        for (Expr a : g.body()) {
          Info i = info(a, depth);
          BitSet add = (BitSet) i.inputs().clone();
          add.andNot(out);
          in.or(add);
          out.or(i.outputs());
        }
      }
    }
    for (Expr.With w : e.withs()) {
      value(w.value(), depth, in, out);
    }
    in.andNot(out);
    return new Info(in, out);
  }

  private void captured(Expr e, int depth, BitSet in) {
    BitSet all = new BitSet();
    locals(e, all);
    for (int s = all.nextSetBit(0); s >= 0; s = all.nextSetBit(s + 1)) {
      if (frame.depthOf(s) <= depth) {
        in.set(s);
      }
    }
  }

  /** Variables read (inputs) and iteration variables bound (outputs) by a term in a value place. */
  void value(Term t, int depth, BitSet in, BitSet out) {
    switch (t) {
      case Term.Local l -> {
        if (frame.depthOf(l.slot()) <= depth) {
          in.set(l.slot());
        }
      }
      case Term.Ref r -> {
        value(r.head(), depth, in, out);
        for (Term p : r.path()) {
          if (p instanceof Term.Local l) {
            if (frame.depthOf(l.slot()) <= depth) {
              out.set(l.slot());
            }
          } else if (p instanceof Term.ArrayTerm || p instanceof Term.ObjectTerm) {
            pattern(p, depth, in, out);
          } else {
            value(p, depth, in, out);
          }
        }
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> value(x, depth, in, out));
      case Term.SetTerm s -> s.items().forEach(x -> value(x, depth, in, out));
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    value(en.key(), depth, in, out);
                    value(en.value(), depth, in, out);
                  });
      case Term.Call c -> c.args().forEach(x -> value(x, depth, in, out));
      case Term.ArrayCompr c -> capturedTerm(t, depth, in);
      case Term.SetCompr c -> capturedTerm(t, depth, in);
      case Term.ObjectCompr c -> capturedTerm(t, depth, in);
      default -> {}
    }
    BitSet overlap = (BitSet) in.clone();
    overlap.and(out);
    in.andNot(overlap);
  }

  private void capturedTerm(Term t, int depth, BitSet in) {
    BitSet all = new BitSet();
    locals(t, all);
    for (int s = all.nextSetBit(0); s >= 0; s = all.nextSetBit(s + 1)) {
      if (frame.depthOf(s) <= depth) {
        in.set(s);
      }
    }
  }

  /** Variables bound by unifying a term with a value. */
  void pattern(Term t, int depth, BitSet in, BitSet out) {
    switch (t) {
      case Term.Local l -> {
        if (frame.depthOf(l.slot()) <= depth) {
          out.set(l.slot());
        }
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> pattern(x, depth, in, out));
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    value(en.key(), depth, in, out);
                    pattern(en.value(), depth, in, out);
                  });
      default -> value(t, depth, in, out);
    }
  }

  static void locals(Expr e, BitSet acc) {
    switch (e.kind()) {
      case Expr.TermExpr te -> locals(te.term(), acc);
      case Expr.SomeDecl d -> d.vars().forEach(v -> locals(v, acc));
      case Expr.SomeIn s -> {
        if (s.key() != null) {
          locals(s.key(), acc);
        }
        locals(s.value(), acc);
        locals(s.domain(), acc);
      }
      case Expr.Every ev -> {
        if (ev.key() != null) {
          locals(ev.key(), acc);
        }
        locals(ev.value(), acc);
        locals(ev.domain(), acc);
        ev.body().forEach(b -> locals(b, acc));
      }
      case Expr.Disjunction d -> d.alternatives().forEach(a -> a.forEach(x -> locals(x, acc)));
      case Expr.Group g -> g.body().forEach(x -> locals(x, acc));
    }
    for (Expr.With w : e.withs()) {
      locals(w.value(), acc);
    }
  }

  static void locals(Term t, BitSet acc) {
    switch (t) {
      case Term.Local l -> acc.set(l.slot());
      case Term.Ref r -> {
        locals(r.head(), acc);
        r.path().forEach(p -> locals(p, acc));
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> locals(x, acc));
      case Term.SetTerm s -> s.items().forEach(x -> locals(x, acc));
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    locals(en.key(), acc);
                    locals(en.value(), acc);
                  });
      case Term.Call c -> c.args().forEach(x -> locals(x, acc));
      case Term.ArrayCompr c -> {
        locals(c.head(), acc);
        c.body().forEach(b -> locals(b, acc));
      }
      case Term.SetCompr c -> {
        locals(c.head(), acc);
        c.body().forEach(b -> locals(b, acc));
      }
      case Term.ObjectCompr c -> {
        locals(c.key(), acc);
        locals(c.value(), acc);
        c.body().forEach(b -> locals(b, acc));
      }
      default -> {}
    }
  }

  private static Term.Local findLocal(Term t, BitSet slots) {
    BitSet acc = new BitSet();
    Term.Local[] found = new Term.Local[1];
    visit(
        t,
        l -> {
          if (found[0] == null && slots.get(l.slot())) {
            found[0] = l;
          }
        });
    return found[0];
  }

  private static Term.Local findLocalInExpr(Expr e, int slot) {
    Term.Local[] found = new Term.Local[1];
    java.util.function.Consumer<Term.Local> c =
        l -> {
          if (found[0] == null && l.slot() == slot) {
            found[0] = l;
          }
        };
    switch (e.kind()) {
      case Expr.TermExpr te -> visit(te.term(), c);
      case Expr.SomeIn s -> {
        if (s.key() != null) {
          visit(s.key(), c);
        }
        visit(s.value(), c);
        visit(s.domain(), c);
      }
      case Expr.Every ev -> visit(ev.domain(), c);
      default -> {}
    }
    return found[0];
  }

  private static void visit(Term t, java.util.function.Consumer<Term.Local> c) {
    switch (t) {
      case Term.Local l -> c.accept(l);
      case Term.Ref r -> {
        visit(r.head(), c);
        r.path().forEach(p -> visit(p, c));
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> visit(x, c));
      case Term.SetTerm s -> s.items().forEach(x -> visit(x, c));
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    visit(en.key(), c);
                    visit(en.value(), c);
                  });
      case Term.Call call -> call.args().forEach(x -> visit(x, c));
      default -> {}
    }
  }
}
