package io.meshward.policy.eval;

import io.meshward.policy.ast.Annotations;
import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Location;
import io.meshward.policy.ast.Term;
import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.compile.CompiledPolicy;
import io.meshward.policy.compile.CompiledQuery;
import io.meshward.policy.compile.CompiledRule;
import io.meshward.policy.compile.RuleNode;
import io.meshward.policy.compile.RuleSet;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Top-down evaluation with backtracking. Each literal is evaluated with a continuation that runs
 * the rest of the body; variables live in per-rule frames ({@code Value[]}) and are unbound again
 * when a continuation returns. One evaluator serves one evaluation and is not thread-safe; the
 * compiled policy it reads is shared.
 */
public final class Evaluator implements io.meshward.policy.builtins.BuiltinContext, RuleMetadata {

  private static final Value UNDEFINED = StringValue.of("\u0000undefined");

  private final CompiledPolicy policy;
  private final Value data;
  private final EvalSettings settings;
  private final Map<Object, Object> memo = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final Deque<CompiledRule> ruleStack = new ArrayDeque<>();
  private final LinkedHashSet<TraceEvent> trace = new LinkedHashSet<>();
  private WithContext ctx;
  private long steps;

  public Evaluator(CompiledPolicy policy, Value data, Value input, EvalSettings settings) {
    this.policy = policy;
    this.data = data;
    this.settings = settings;
    this.ctx = new WithContext(input, null, Map.of());
  }

  /** The rules that produced values so far, when tracing. */
  public List<TraceEvent> trace() {
    return List.copyOf(trace);
  }

  /**
   * Evaluates a query; {@code onSolution} receives the frame of each solution and returns false to
   * stop.
   */
  public void query(CompiledQuery q, Function<Value[], Boolean> onSolution) {
    Value[] frame = new Value[q.slots()];
    try {
      evalBody(q.body(), 0, frame, () -> onSolution.apply(frame));
    } catch (StackOverflowError e) {
      throw new RegoException(
          Location.NONE, "eval_budget_error", "evaluation exceeded the maximum nesting depth");
    }
  }

  /** Evaluates one term of a solved query (all variables bound) to its first value, or null. */
  public Value valueOf(Term t, Value[] frame) {
    Value[] out = new Value[1];
    evalTerm(
        t,
        frame,
        v -> {
          out[0] = v;
          return false;
        });
    return out[0];
  }

  // ------------------------------------------------------------------ budget

  private void step() {
    if (++steps > settings.stepLimit()) {
      throw new RegoException(
          Location.NONE,
          "eval_budget_error",
          "evaluation exceeded its step limit of " + settings.stepLimit() + " steps");
    }
    if ((steps & 1023) == 0 && System.nanoTime() > settings.deadlineNanos()) {
      throw new RegoException(Location.NONE, "eval_budget_error", "evaluation deadline exceeded");
    }
  }

  @Override
  public void checkBudget() throws BuiltinException {
    // A budget error is never a builtin error: non-strict mode must not turn it into "undefined",
    // which could silently drop a deny rule. It aborts the whole evaluation instead.
    if (System.nanoTime() > settings.deadlineNanos()) {
      throw new RegoException(Location.NONE, "eval_budget_error", "evaluation deadline exceeded");
    }
  }

  /** A builtin that failed after the deadline may have failed because of it: never swallow that. */
  private void abortIfOverDeadline() {
    if (System.nanoTime() > settings.deadlineNanos()) {
      throw new RegoException(Location.NONE, "eval_budget_error", "evaluation deadline exceeded");
    }
  }

  /** Every value {@code head} takes over all solutions of {@code body}: a comprehension's items. */
  private List<Value> collect(List<Expr> body, Term head, Value[] f) {
    List<Value> items = new ArrayList<>();
    evalBody(
        body,
        0,
        f,
        () ->
            evalTerm(
                head,
                f,
                v -> {
                  items.add(v);
                  return true;
                }));
    return items;
  }

  // ------------------------------------------------------------------ bodies

  private boolean evalBody(List<Expr> body, int i, Value[] f, Cont k) {
    if (i == body.size()) {
      return k.run();
    }
    return evalExpr(body.get(i), f, () -> evalBody(body, i + 1, f, k));
  }

  private boolean evalExpr(Expr e, Value[] f, Cont k) {
    step();
    if (!e.withs().isEmpty()) {
      return evalWith(e, f, k);
    }
    if (e.negated()) {
      boolean[] found = {false};
      evalExprKind(
          e,
          f,
          () -> {
            found[0] = true;
            return false;
          });
      return found[0] || k.run();
    }
    return evalExprKind(e, f, k);
  }

  private boolean evalWith(Expr e, Value[] f, Cont k) {
    WithContext outer = ctx;
    Value input = outer.input;
    WithContext.Override data = outer.data == null ? null : outer.data.copy();
    Map<String, Object> mocks = new HashMap<>(outer.mocks);
    for (Expr.With w : e.withs()) {
      if (w.target() instanceof Term.Call target) {
        if (w.value() instanceof Term.Call fn && fn.args().isEmpty()) {
          mocks.put(target.name(), new Mock(fn.name()));
        } else {
          Value v = single(w.value(), f);
          if (v == null) {
            return true;
          }
          mocks.put(target.name(), v);
        }
        continue;
      }
      Term.Ref ref = (Term.Ref) w.target();
      Value v = single(w.value(), f);
      if (v == null) {
        return true;
      }
      List<Value> path = new ArrayList<>();
      for (Term p : ref.path()) {
        path.add(((Term.Scalar) p).value());
      }
      if (((Term.Var) ref.head()).name().equals("input")) {
        input = path.isEmpty() ? v : ValueAccess.patch(input, path, 0, v);
      } else {
        if (data == null) {
          data = new WithContext.Override();
        }
        WithContext.Override node = data;
        for (Value p : path) {
          node = node.children.computeIfAbsent(p, x -> new WithContext.Override());
        }
        node.value = v;
        node.children.clear();
      }
    }
    WithContext inner = new WithContext(input, data, mocks);
    Expr plain = new Expr(e.loc(), e.negated(), e.kind(), List.of());
    ctx = inner;
    try {
      return evalExpr(
          plain,
          f,
          () -> {
            ctx = outer;
            try {
              return k.run();
            } finally {
              ctx = inner;
            }
          });
    } finally {
      ctx = outer;
    }
  }

  /** A function replaced by another function or builtin via {@code with}. */
  private record Mock(String target) {}

  private Value single(Term t, Value[] f) {
    Value[] out = new Value[1];
    evalTerm(
        t,
        f,
        v -> {
          out[0] = v;
          return false;
        });
    return out[0];
  }

  private boolean evalExprKind(Expr e, Value[] f, Cont k) {
    switch (e.kind()) {
      case Expr.TermExpr te -> {
        return evalTermExpr(te.term(), f, k);
      }
      case Expr.SomeDecl d -> {
        return k.run();
      }
      case Expr.SomeIn s -> {
        return evalTerm(s.domain(), f, coll -> iterate(coll, s.key(), s.value(), f, k));
      }
      case Expr.Every ev -> {
        return evalTerm(
            ev.domain(),
            f,
            coll -> {
              if (!(coll instanceof ArrayValue
                  || coll instanceof ObjectValue
                  || coll instanceof SetValue)) {
                return true;
              }
              boolean[] ok = {true};
              ValueAccess.forEachEntry(
                  coll,
                  (key, val) -> {
                    boolean[] found = {false};
                    Cont body =
                        () ->
                            evalBody(
                                ev.body(),
                                0,
                                f,
                                () -> {
                                  found[0] = true;
                                  return false;
                                });
                    Cont withValue = () -> unifyValue(ev.value(), val, f, body);
                    if (ev.key() != null) {
                      unifyValue(ev.key(), key, f, withValue);
                    } else {
                      withValue.run();
                    }
                    if (!found[0]) {
                      ok[0] = false;
                      return false;
                    }
                    return true;
                  });
              return !ok[0] || k.run();
            });
      }
      case Expr.Disjunction d -> {
        // and/or are tests: they succeed at most once and bind nothing outside.
        for (List<Expr> alt : d.alternatives()) {
          if (succeeds(alt, f)) {
            return k.run();
          }
        }
        return true;
      }
      case Expr.Group g -> {
        return !succeeds(g.body(), f) || k.run();
      }
    }
  }

  private boolean succeeds(List<Expr> body, Value[] f) {
    boolean[] found = {false};
    evalBody(
        body,
        0,
        f,
        () -> {
          found[0] = true;
          return false;
        });
    return found[0];
  }

  private boolean iterate(Value coll, Term key, Term value, Value[] f, Cont k) {
    boolean[] cont = {true};
    ValueAccess.forEachEntry(
        coll,
        (kv, vv) -> {
          step();
          Cont withValue = () -> unifyValue(value, vv, f, k);
          boolean r = key != null ? unifyValue(key, kv, f, withValue) : withValue.run();
          cont[0] = r;
          return r;
        });
    return cont[0];
  }

  private boolean evalTermExpr(Term term, Value[] f, Cont k) {
    if (term instanceof Term.Call c) {
      switch (c.name()) {
        case "eq", "assign" -> {
          if (c.args().size() == 2) {
            return unify(c.args().get(0), c.args().get(1), f, k);
          }
        }
        case "internal.member_2" -> {
          if (c.args().size() == 2) {
            return evalTerm(
                c.args().get(0),
                f,
                x ->
                    evalTerm(
                        c.args().get(1),
                        f,
                        coll -> ValueAccess.member(coll, null, x) ? k.run() : true));
          }
        }
        case "internal.member_3" -> {
          if (c.args().size() == 3) {
            return evalTerm(
                c.args().get(0),
                f,
                key ->
                    evalTerm(
                        c.args().get(1),
                        f,
                        x ->
                            evalTerm(
                                c.args().get(2),
                                f,
                                coll -> ValueAccess.member(coll, key, x) ? k.run() : true)));
          }
        }
        default -> {
          int arity = arity(c.name());
          if (arity >= 0 && c.args().size() == arity + 1) {
            Term out = c.args().get(arity);
            return evalCall(c, arity, f, v -> unifyValue(out, v, f, k));
          }
        }
      }
    }
    return evalTerm(term, f, v -> v instanceof BooleanValue b && !b.value() || k.run());
  }

  private int arity(String name) {
    if (name.startsWith("data.")) {
      RuleSet rs = policy.ruleSets().get(name);
      if (rs == null) {
        return -1;
      }
      CompiledRule r = rs.rules().isEmpty() ? rs.defaultRule() : rs.rules().get(0);
      return r.args().size();
    }
    return policy.builtins().lookup(name).map(b -> b.signature().arity()).orElse(-1);
  }

  // ------------------------------------------------------------------ unification

  private boolean unify(Term a, Term b, Value[] f, Cont k) {
    if (evaluable(b, f)) {
      return evalTerm(b, f, v -> unifyValue(a, v, f, k));
    }
    if (evaluable(a, f)) {
      return evalTerm(a, f, v -> unifyValue(b, v, f, k));
    }
    if (a instanceof Term.ArrayTerm x && b instanceof Term.ArrayTerm y) {
      if (x.items().size() != y.items().size()) {
        return true;
      }
      return unifyPairs(x.items(), y.items(), 0, f, k);
    }
    if (a instanceof Term.ObjectTerm x && b instanceof Term.ObjectTerm y) {
      if (x.entries().size() != y.entries().size()) {
        return true;
      }
      List<Term> xs = new ArrayList<>();
      List<Term> ys = new ArrayList<>();
      for (Term.Entry ex : x.entries()) {
        Value kx = single(ex.key(), f);
        Term match = null;
        for (Term.Entry ey : y.entries()) {
          if (kx != null && kx.equals(single(ey.key(), f))) {
            match = ey.value();
          }
        }
        if (match == null) {
          return true;
        }
        xs.add(ex.value());
        ys.add(match);
      }
      return unifyPairs(xs, ys, 0, f, k);
    }
    throw new RegoException(
        a.loc(), "rego_unsafe_var_error", "cannot unify: variables unbound on both sides");
  }

  private boolean unifyPairs(List<Term> xs, List<Term> ys, int i, Value[] f, Cont k) {
    if (i == xs.size()) {
      return k.run();
    }
    return unify(xs.get(i), ys.get(i), f, () -> unifyPairs(xs, ys, i + 1, f, k));
  }

  /** Whether a term can be evaluated now: every variable outside reference paths is bound. */
  private boolean evaluable(Term t, Value[] f) {
    return switch (t) {
      case Term.Scalar s -> true;
      case Term.Local l -> f[l.slot()] != null;
      case Term.Ref r -> {
        if (!(r.head() instanceof Term.Var) && !evaluable(r.head(), f)) {
          yield false;
        }
        for (Term p : r.path()) {
          if (!(p instanceof Term.Local) && !(p instanceof Term.ArrayTerm) && !evaluable(p, f)) {
            yield false;
          }
        }
        yield true;
      }
      case Term.ArrayTerm a -> allEvaluable(a.items(), f);
      case Term.SetTerm s -> allEvaluable(s.items(), f);
      case Term.ObjectTerm o -> {
        for (Term.Entry en : o.entries()) {
          if (!evaluable(en.key(), f) || !evaluable(en.value(), f)) {
            yield false;
          }
        }
        yield true;
      }
      case Term.Call c -> allEvaluable(c.args(), f);
      case Term.Var v -> true;
      default -> true;
    };
  }

  private boolean allEvaluable(List<Term> terms, Value[] f) {
    for (Term x : terms) {
      if (!evaluable(x, f)) {
        return false;
      }
    }
    return true;
  }

  private boolean unifyValue(Term t, Value v, Value[] f, Cont k) {
    switch (t) {
      case Term.Local l -> {
        Value cur = f[l.slot()];
        if (cur != null) {
          return !cur.equals(v) || k.run();
        }
        f[l.slot()] = v;
        try {
          return k.run();
        } finally {
          f[l.slot()] = null;
        }
      }
      case Term.Scalar s -> {
        return !s.value().equals(v) || k.run();
      }
      case Term.ArrayTerm a -> {
        if (!(v instanceof ArrayValue av) || av.size() != a.items().size()) {
          return true;
        }
        return unifyItems(a.items(), av, 0, f, k);
      }
      case Term.ObjectTerm o -> {
        if (!(v instanceof ObjectValue ov) || ov.size() != o.entries().size()) {
          return true;
        }
        return unifyEntries(o.entries(), ov, 0, f, k);
      }
      default -> {
        return evalTerm(t, f, tv -> !tv.equals(v) || k.run());
      }
    }
  }

  private boolean unifyItems(List<Term> items, ArrayValue av, int i, Value[] f, Cont k) {
    if (i == items.size()) {
      return k.run();
    }
    return unifyValue(items.get(i), av.get(i), f, () -> unifyItems(items, av, i + 1, f, k));
  }

  private boolean unifyEntries(List<Term.Entry> entries, ObjectValue ov, int i, Value[] f, Cont k) {
    if (i == entries.size()) {
      return k.run();
    }
    Term.Entry en = entries.get(i);
    return evalTerm(
        en.key(),
        f,
        key -> {
          Value child = ov.get(key);
          return child == null
              || unifyValue(en.value(), child, f, () -> unifyEntries(entries, ov, i + 1, f, k));
        });
  }

  // ------------------------------------------------------------------ terms

  private boolean evalTerm(Term t, Value[] f, ValueCont k) {
    switch (t) {
      case Term.Scalar s -> {
        return k.accept(s.value());
      }
      case Term.Local l -> {
        Value v = f[l.slot()];
        if (v == null) {
          throw new RegoException(
              l.loc(), "rego_unsafe_var_error", "var " + l.name() + " is unsafe");
        }
        return k.accept(v);
      }
      case Term.Ref r -> {
        return evalRef(r, f, k);
      }
      case Term.ArrayTerm a -> {
        Value[] out = new Value[a.items().size()];
        return evalItems(a.items(), 0, out, f, () -> k.accept(ArrayValue.of(out)));
      }
      case Term.SetTerm s -> {
        Value[] out = new Value[s.items().size()];
        return evalItems(s.items(), 0, out, f, () -> k.accept(SetValue.of(out)));
      }
      case Term.ObjectTerm o -> {
        List<Term> flat = new ArrayList<>(o.entries().size() * 2);
        for (Term.Entry en : o.entries()) {
          flat.add(en.key());
          flat.add(en.value());
        }
        Value[] out = new Value[flat.size()];
        return evalItems(
            flat,
            0,
            out,
            f,
            () -> {
              Map<Value, Value> m = new HashMap<>();
              for (int i = 0; i < out.length; i += 2) {
                m.put(out[i], out[i + 1]);
              }
              return k.accept(ObjectValue.of(m));
            });
      }
      case Term.ArrayCompr c -> {
        return k.accept(ArrayValue.of(collect(c.body(), c.head(), f)));
      }
      case Term.SetCompr c -> {
        return k.accept(SetValue.of(collect(c.body(), c.head(), f)));
      }
      case Term.ObjectCompr c -> {
        Map<Value, Value> m = new LinkedHashMap<>();
        evalBody(
            c.body(),
            0,
            f,
            () ->
                evalTerm(
                    c.key(),
                    f,
                    key ->
                        evalTerm(
                            c.value(),
                            f,
                            v -> {
                              Value prev = m.put(key, v);
                              if (prev != null && !prev.equals(v)) {
                                throw new RegoException(
                                    c.loc(), "eval_conflict_error", "object keys must be unique");
                              }
                              return true;
                            })));
        return k.accept(ObjectValue.of(m));
      }
      case Term.Call c -> {
        return evalCall(c, c.args().size(), f, k);
      }
      case Term.Var v -> {
        throw new RegoException(v.loc(), "rego_unsafe_var_error", "var " + v.name() + " is unsafe");
      }
    }
  }

  private boolean evalItems(List<Term> items, int i, Value[] out, Value[] f, Cont k) {
    while (i < items.size() && singleValued(items.get(i), f)) {
      Value v = single(items.get(i), f);
      if (v == null) {
        return true;
      }
      out[i] = v;
      i++;
    }
    if (i == items.size()) {
      return k.run();
    }
    int at = i;
    return evalItemsSlow(items, at, out, f, k);
  }

  /** Whether a term has at most one value now: no iteration and no relation calls inside. */
  private boolean singleValued(Term t, Value[] f) {
    return switch (t) {
      case Term.Scalar s -> true;
      case Term.Local l -> f[l.slot()] != null;
      case Term.Ref r -> {
        if (!(r.head() instanceof Term.Var) && !singleValued(r.head(), f)) {
          yield false;
        }
        for (Term p : r.path()) {
          if (!singleValued(p, f)) {
            yield false;
          }
        }
        yield true;
      }
      case Term.ArrayTerm a -> allSingle(a.items(), f);
      case Term.SetTerm s -> allSingle(s.items(), f);
      case Term.ObjectTerm o -> {
        for (Term.Entry en : o.entries()) {
          if (!singleValued(en.key(), f) || !singleValued(en.value(), f)) {
            yield false;
          }
        }
        yield true;
      }
      case Term.ArrayCompr c -> true;
      case Term.SetCompr c -> true;
      case Term.ObjectCompr c -> true;
      case Term.Call c -> {
        if (!allSingle(c.args(), f)
            || (!c.name().startsWith("data.")
                && policy.builtins().lookup(c.name()).map(Builtin::relation).orElse(false))) {
          yield false;
        }
        yield true;
      }
      case Term.Var v -> false;
    };
  }

  private boolean allSingle(List<Term> items, Value[] f) {
    for (Term x : items) {
      if (!singleValued(x, f)) {
        return false;
      }
    }
    return true;
  }

  private boolean evalItemsSlow(List<Term> items, int i, Value[] out, Value[] f, Cont k) {
    return evalTerm(
        items.get(i),
        f,
        v -> {
          out[i] = v;
          return evalItems(items, i + 1, out, f, k);
        });
  }

  // ------------------------------------------------------------------ references

  private boolean evalRef(Term.Ref r, Value[] f, ValueCont k) {
    if (r.head() instanceof Term.Var v) {
      if (v.name().equals("input")) {
        Value in = ctx.input;
        return in == null || walkValue(in, r.path(), 0, f, k);
      }
      if (v.name().equals("data")) {
        return walkData(policy.root(), data, ctx.data, r.path(), 0, f, k);
      }
    }
    return evalTerm(r.head(), f, hv -> walkValue(hv, r.path(), 0, f, k));
  }

  private boolean walkValue(Value v, List<Term> path, int i, Value[] f, ValueCont k) {
    return walkValue(v, path, i, f, k, false);
  }

  /**
   * Follows a reference into a value; {@code baseDoc} marks base documents under {@code data},
   * whose object keys are strings even when the reference uses a number ({@code data.a[2]}).
   */
  private boolean walkValue(
      Value v, List<Term> path, int i, Value[] f, ValueCont k, boolean baseDoc) {
    if (i == path.size()) {
      return k.accept(v);
    }
    Term p = path.get(i);
    if (p instanceof Term.Local l && f[l.slot()] == null) {
      boolean[] cont = {true};
      ValueAccess.forEachEntry(
          v,
          (key, child) -> {
            step();
            f[l.slot()] = key;
            try {
              cont[0] = walkValue(child, path, i + 1, f, k, baseDoc);
            } finally {
              f[l.slot()] = null;
            }
            return cont[0];
          });
      return cont[0];
    }
    if (!evaluable(p, f)) {
      boolean[] cont = {true};
      ValueAccess.forEachEntry(
          v,
          (key, child) -> {
            cont[0] = unifyValue(p, key, f, () -> walkValue(child, path, i + 1, f, k, baseDoc));
            return cont[0];
          });
      return cont[0];
    }
    return evalTerm(
        p,
        f,
        key -> {
          Value child = baseDoc ? ValueAccess.dataLookup(v, key) : ValueAccess.lookup(v, key);
          return child == null || walkValue(child, path, i + 1, f, k, baseDoc);
        });
  }

  private boolean walkData(
      RuleNode node,
      Value base,
      WithContext.Override ov,
      List<Term> path,
      int i,
      Value[] f,
      ValueCont k) {
    if (ov != null && ov.value != null) {
      return walkValue(ov.value, path, i, f, k);
    }
    if (node == null && ov == null) {
      return base == null || walkValue(base, path, i, f, k, true);
    }
    if (node != null && node.rules() != null && base != null && ov == null) {
      return walkValue(base, path, i, f, k);
    }
    if (node != null && node.rules() != null) {
      RuleSet rs = node.rules();
      if (rs.function()) {
        return true;
      }
      if (rs.contains() && i < path.size() && node.children().isEmpty() && ov == null) {
        Term p = path.get(i);
        if (evaluable(p, f) && !(p instanceof Term.Local l && f[l.slot()] == null)) {
          return evalTerm(p, f, key -> !setContains(rs, key) || walkValue(key, path, i + 1, f, k));
        }
      }
      Value v = ruleSetValue(rs);
      if (!node.children().isEmpty() || ov != null) {
        v = mergeChildren(node, v, ov);
      }
      return v == null || walkValue(v, path, i, f, k);
    }
    if (i == path.size()) {
      Value v = materialize(node, base, ov);
      return v == null || k.accept(v);
    }
    Term p = path.get(i);
    if (p instanceof Term.Local l && f[l.slot()] == null) {
      TreeSet<Value> keys = new TreeSet<>();
      if (node != null) {
        keys.addAll(node.children().keySet());
      }
      if (base instanceof ObjectValue bo) {
        keys.addAll(bo.keys());
      }
      if (ov != null) {
        keys.addAll(ov.children.keySet());
      }
      for (Value key : keys) {
        f[l.slot()] = key;
        try {
          if (!walkData(
              node == null ? null : node.child(key),
              ValueAccess.dataLookup(base, key),
              ov == null ? null : ov.children.get(key),
              path,
              i + 1,
              f,
              k)) {
            return false;
          }
        } finally {
          f[l.slot()] = null;
        }
      }
      return true;
    }
    if (!evaluable(p, f)) {
      Value v = materialize(node, base, ov);
      return v == null || walkValue(v, path, i, f, k);
    }
    return evalTerm(
        p,
        f,
        key ->
            walkData(
                node == null ? null : node.child(key),
                base == null ? null : ValueAccess.dataLookup(base, key),
                ov == null ? null : ov.children.get(key),
                path,
                i + 1,
                f,
                k));
  }

  private Value materialize(RuleNode node, Value base, WithContext.Override ov) {
    if (ov != null && ov.value != null) {
      return ov.value;
    }
    if (node == null && ov == null) {
      return base;
    }
    if (node != null && node.rules() != null) {
      if (node.rules().function()) {
        return null;
      }
      Value v = ruleSetValue(node.rules());
      return node.children().isEmpty() && ov == null ? v : mergeChildren(node, v, ov);
    }
    Map<Value, Value> m = new HashMap<>();
    if (base instanceof ObjectValue bo) {
      m.putAll(bo.asMap());
    } else if (base != null) {
      return base;
    }
    if (node != null) {
      for (Map.Entry<Value, RuleNode> c : node.children().entrySet()) {
        if (!c.getValue().hasRules()
            || (c.getValue().rules() != null && m.containsKey(c.getKey()))) {
          continue;
        }
        Value v =
            materialize(
                c.getValue(), m.get(c.getKey()), ov == null ? null : ov.children.get(c.getKey()));
        if (v != null) {
          m.put(c.getKey(), v);
        } else {
          m.remove(c.getKey());
        }
      }
    }
    if (ov != null) {
      for (Map.Entry<Value, WithContext.Override> c : ov.children.entrySet()) {
        if (node != null && node.child(c.getKey()) != null && node.child(c.getKey()).hasRules()) {
          continue;
        }
        Value v = materialize(null, m.get(c.getKey()), c.getValue());
        if (v != null) {
          m.put(c.getKey(), v);
        }
      }
    }
    return ObjectValue.of(m);
  }

  private Value mergeChildren(RuleNode node, Value v, WithContext.Override ov) {
    if (!(v instanceof ObjectValue) && v != null) {
      return v;
    }
    Map<Value, Value> m = new HashMap<>(v == null ? Map.of() : ((ObjectValue) v).asMap());
    Set<List<Value>> leaves =
        node.rules() == null ? null : ctx.keyedLeaves.get(node.rules().path());
    for (Map.Entry<Value, RuleNode> c : node.children().entrySet()) {
      if (leaves != null && !leaves.isEmpty()) {
        checkNoInjection(c.getValue(), new ArrayList<>(List.of(c.getKey())), leaves, node.rules());
      }
      Value cv = materialize(c.getValue(), null, ov == null ? null : ov.children.get(c.getKey()));
      if (cv != null) {
        Value prev = m.get(c.getKey());
        m.put(
            c.getKey(), prev == null ? cv : RuleDocuments.mergeRuleValues(prev, cv, node.rules()));
      }
    }
    return v == null && m.isEmpty() ? null : ObjectValue.of(m);
  }

  /**
   * A rule below a node may not put a value inside a value another rule defined with a variable
   * head ({@code p[q].r := {...}} and {@code p.q.r.s := 1}): OPA reports a conflict.
   */
  private void checkNoInjection(
      RuleNode child, List<Value> path, Set<List<Value>> leaves, RuleSet owner) {
    RuleSet rs = child.rules();
    if (rs != null && !rs.function()) {
      for (List<Value> leaf : leaves) {
        if (leaf.size() < path.size()
            && path.subList(0, leaf.size()).equals(leaf)
            && ruleSetValue(rs) != null) {
          throw new RegoException(
              owner.rules().get(0).loc(), "eval_conflict_error", "object keys must be unique");
        }
      }
    }
    for (Map.Entry<Value, RuleNode> c : child.children().entrySet()) {
      path.add(c.getKey());
      checkNoInjection(c.getValue(), path, leaves, owner);
      path.remove(path.size() - 1);
    }
  }

  private boolean setContains(RuleSet rs, Value key) {
    Value v = ruleSetValue(rs);
    return v instanceof SetValue s && s.contains(key);
  }

  /** The value of a constant {@code input} reference for the rule index, or null. */
  private Value constantRef(Term.Ref r) {
    Value v = ctx.input;
    for (Term p : r.path()) {
      if (v == null) {
        return null;
      }
      v = ValueAccess.lookup(v, ((Term.Scalar) p).value());
    }
    return v;
  }

  // ------------------------------------------------------------------ rules

  private Value ruleSetValue(RuleSet rs) {
    Value cached = ctx.ruleCache.get(rs.path());
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    if (!inProgress.add(rs.path())) {
      CompiledRule first = rs.rules().isEmpty() ? rs.defaultRule() : rs.rules().get(0);
      throw new RegoException(
          first.loc(), "rego_recursion_error", "rule " + rs.path() + " is recursive");
    }
    Value v;
    try {
      if (rs.contains() && !rs.keyed()) {
        v = partialSet(rs);
      } else if (rs.keyed()) {
        v = keyed(rs);
      } else {
        v = complete(rs);
      }
    } finally {
      inProgress.remove(rs.path());
    }
    ctx.ruleCache.put(rs.path(), v == null ? UNDEFINED : v);
    return v;
  }

  private List<CompiledRule> candidates(RuleSet rs) {
    return rs.index() == null ? rs.rules() : rs.index().candidates(this::constantRef);
  }

  private Value complete(RuleSet rs) {
    Value[] result = {null};
    for (CompiledRule rule : candidates(rs)) {
      boolean constant = rule.value() instanceof Term.Scalar && rule.elseRule() == null;
      if (constant && result[0] != null && result[0].equals(((Term.Scalar) rule.value()).value())) {
        continue;
      }
      evalBranches(
          rule,
          null,
          v -> {
            if (result[0] == null) {
              result[0] = v;
            } else if (!result[0].equals(v)) {
              throw new RegoException(
                  rule.loc(),
                  "eval_conflict_error",
                  "complete rules must not produce multiple outputs");
            }
            return !constant;
          });
    }
    if (result[0] == null && rs.defaultRule() != null) {
      result[0] = single(rs.defaultRule().value(), new Value[rs.defaultRule().slots()]);
    }
    return result[0];
  }

  /**
   * Evaluates a rule and its else branches; {@code out} receives the head value of each solution of
   * the first branch that has one.
   */
  private void evalBranches(CompiledRule rule, Value[] args, ValueCont out) {
    for (CompiledRule b = rule; b != null; b = b.elseRule()) {
      Value[] f = new Value[b.slots()];
      boolean[] produced = {false};
      CompiledRule branch = b;
      ruleStack.push(rule);
      try {
        Cont body =
            () ->
                evalBody(
                    branch.body(),
                    0,
                    f,
                    () ->
                        evalTerm(
                            branch.value(),
                            f,
                            v -> {
                              produced[0] = true;
                              record(branch);
                              return out.accept(v);
                            }));
        if (args != null) {
          unifyArgs(branch.args(), args, 0, f, body);
        } else {
          body.run();
        }
      } finally {
        ruleStack.pop();
      }
      if (produced[0]) {
        return;
      }
    }
  }

  private boolean unifyArgs(List<Term> params, Value[] args, int i, Value[] f, Cont k) {
    if (i == params.size()) {
      return k.run();
    }
    return unifyValue(params.get(i), args[i], f, () -> unifyArgs(params, args, i + 1, f, k));
  }

  private void record(CompiledRule rule) {
    if (settings.trace()) {
      Annotations a = rule.annotations();
      trace.add(
          new TraceEvent(
              rule.path(), rule.loc(), a == null ? null : a.id(), a == null ? null : a.title()));
    }
  }

  private Value partialSet(RuleSet rs) {
    Set<Value> out = new HashSet<>();
    for (CompiledRule rule : rs.rules()) {
      Value[] f = new Value[rule.slots()];
      ruleStack.push(rule);
      try {
        evalBody(
            rule.body(),
            0,
            f,
            () ->
                evalTerm(
                    rule.key(),
                    f,
                    v -> {
                      out.add(v);
                      record(rule);
                      return true;
                    }));
      } finally {
        ruleStack.pop();
      }
    }
    return SetValue.of(out);
  }

  /** Nested object built by rules with variables in their head reference. */
  private Value keyed(RuleSet rs) {
    Map<Value, Object> root = new HashMap<>();
    Set<List<Value>> leaves = new HashSet<>();
    ctx.keyedLeaves.put(rs.path(), leaves);
    for (CompiledRule rule : rs.rules()) {
      Value[] f = new Value[rule.slots()];
      Value[] keys = new Value[rule.keyPath().size()];
      ruleStack.push(rule);
      try {
        evalBody(
            rule.body(),
            0,
            f,
            () ->
                evalItems(
                    rule.keyPath(),
                    0,
                    keys,
                    f,
                    () ->
                        evalTerm(
                            rs.contains() ? rule.key() : rule.value(),
                            f,
                            v -> {
                              RuleDocuments.insert(root, keys, v, rs.contains(), rule);
                              if (!rs.contains()) {
                                leaves.add(List.of(keys.clone()));
                              }
                              record(rule);
                              return true;
                            })));
      } finally {
        ruleStack.pop();
      }
    }
    return RuleDocuments.toValue(root);
  }

  // ------------------------------------------------------------------ calls

  private boolean evalCall(Term.Call c, int nargs, Value[] f, ValueCont k) {
    Object mock = ctx.mocks.isEmpty() ? null : ctx.mocks.get(c.name());
    if (mock instanceof Value mv) {
      Value[] args = new Value[nargs];
      return evalItems(c.args().subList(0, nargs), 0, args, f, () -> k.accept(mv));
    }
    String name = mock instanceof Mock m ? m.target() : c.name();
    Value[] args = new Value[nargs];
    List<Term> terms = c.args().subList(0, nargs);
    Cont invoke =
        mock instanceof Mock
            ? () -> callUnmocked(c.name(), name, c, args.clone(), k)
            : () -> call(name, c, args.clone(), k);
    for (Term t : terms) {
      if (!evaluable(t, f)) {
        return evalItemsInAnyOrder(terms, new boolean[nargs], args, f, invoke);
      }
    }
    return evalItems(terms, 0, args, f, invoke);
  }

  /** Evaluates items whose variables are bound by other items first ({@code x == xs[x]}). */
  private boolean evalItemsInAnyOrder(
      List<Term> items, boolean[] done, Value[] out, Value[] f, Cont k) {
    int next = -1;
    boolean remaining = false;
    for (int i = 0; i < items.size(); i++) {
      if (!done[i]) {
        remaining = true;
        if (evaluable(items.get(i), f)) {
          next = i;
          break;
        }
      }
    }
    if (!remaining) {
      return k.run();
    }
    if (next < 0) {
      Term t = items.get(0);
      throw new RegoException(t.loc(), "rego_unsafe_var_error", "call arguments are unsafe");
    }
    int i = next;
    return evalTerm(
        items.get(i),
        f,
        v -> {
          out[i] = v;
          done[i] = true;
          try {
            return evalItemsInAnyOrder(items, done, out, f, k);
          } finally {
            done[i] = false;
          }
        });
  }

  /**
   * Runs {@code k} with the mock of {@code name} lifted, so a replacement can call the original.
   */
  private boolean callUnmocked(
      String mocked, String target, Term.Call c, Value[] args, ValueCont k) {
    WithContext outer = ctx;
    WithContext inner = outer.withoutMocks();
    ctx = inner;
    try {
      return call(
          target,
          c,
          args,
          v -> {
            ctx = outer;
            try {
              return k.accept(v);
            } finally {
              ctx = inner;
            }
          });
    } finally {
      ctx = outer;
    }
  }

  private boolean call(String name, Term.Call c, Value[] args, ValueCont k) {
    step();
    if (name.startsWith("data.")) {
      RuleSet rs = policy.ruleSets().get(name);
      if (rs == null) {
        return true;
      }
      Value v = callFunction(rs, args);
      return v == null || k.accept(v);
    }
    if (name.equals("eq") || name.equals("equal")) {
      return k.accept(BooleanValue.of(args[0].equals(args[1])));
    }
    Builtin b = policy.builtins().lookup(name).orElse(null);
    if (b == null) {
      throw new RegoException(c.loc(), "eval_builtin_error", "unknown builtin " + name);
    }
    Value result;
    try {
      result = b.function().apply(this, args);
    } catch (BuiltinException e) {
      abortIfOverDeadline();
      if (settings.strictBuiltinErrors()) {
        throw new RegoException(c.loc(), e.code(), name + ": " + e.getMessage());
      }
      return true;
    } catch (RegoException e) {
      throw e;
    } catch (RuntimeException e) {
      abortIfOverDeadline();
      if (settings.strictBuiltinErrors()) {
        throw new RegoException(
            c.loc(), "eval_builtin_error", name + ": " + String.valueOf(e.getMessage()));
      }
      return true;
    }
    if (result == null) {
      return true;
    }
    if (b.relation()) {
      for (Value r : (ArrayValue) result) {
        if (!k.accept(r)) {
          return false;
        }
      }
      return true;
    }
    return k.accept(result);
  }

  private Value callFunction(RuleSet rs, Value[] args) {
    WithContext.FunctionKey key = new WithContext.FunctionKey(rs.path(), List.of(args));
    Value cached = ctx.functionCache.get(key);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    Value[] result = {null};
    for (CompiledRule rule : rs.rules()) {
      evalBranches(
          rule,
          args,
          v -> {
            if (result[0] == null) {
              result[0] = v;
            } else if (!result[0].equals(v)) {
              throw new RegoException(
                  rule.loc(),
                  "eval_conflict_error",
                  "functions must not produce multiple outputs for same inputs");
            }
            return true;
          });
    }
    if (result[0] == null && rs.defaultRule() != null) {
      CompiledRule d = rs.defaultRule();
      result[0] = single(d.value(), new Value[d.slots()]);
    }
    ctx.functionCache.put(key, result[0] == null ? UNDEFINED : result[0]);
    return result[0];
  }

  // ------------------------------------------------------------------ BuiltinContext

  @Override
  public Instant now() {
    return settings.now();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T memoize(Object key, Function<Object, T> compute) {
    return (T) memo.computeIfAbsent(key, compute);
  }

  @Override
  public boolean strictBuiltinErrors() {
    return settings.strictBuiltinErrors();
  }

  @Override
  public HttpAccess http() {
    return settings.http();
  }

  @Override
  public void print(String line) {
    settings.print().accept(line);
  }

  @Override
  public Value runtime() {
    return settings.runtime();
  }

  @Override
  public Map<String, Value> settings() {
    return settings.settings();
  }

  // ------------------------------------------------------------------ RuleMetadata

  @Override
  public Value metadataRule() {
    CompiledRule r = ruleStack.peek();
    return r == null ? ObjectValue.EMPTY : MetadataChain.rule(r);
  }

  @Override
  public Value metadataChain() {
    CompiledRule r = ruleStack.peek();
    return r == null ? ArrayValue.EMPTY : MetadataChain.chain(policy, r);
  }
}
