package io.meshward.policy.compile;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Term;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Picks the rules of a large rule set that can possibly succeed for the current input, from body
 * literals comparing a constant reference ({@code input.path}) with a constant: {@code input.x ==
 * "a"}, {@code input.x = "a"} or {@code "a" in input.groups}. Rules without such a literal are
 * always candidates; the evaluator still evaluates every candidate fully.
 */
public final class RuleIndex {

  private final List<CompiledRule> rules;
  private final List<PathIndex> paths;

  private RuleIndex(List<CompiledRule> rules, List<PathIndex> paths) {
    this.rules = rules;
    this.paths = paths;
  }

  /** Rules constrained on one reference. */
  private record PathIndex(
      Term.Ref ref, boolean membership, Map<Value, BitSet> byValue, BitSet constrained) {}

  private record Constraint(String key, Term.Ref ref, boolean membership, Value value) {}

  static RuleIndex build(List<CompiledRule> rules) {
    Map<String, PathIndex> byKey = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).elseRule() != null) {
        // An else branch may produce a value when the first body's constraint fails.
        continue;
      }
      Map<String, Constraint> seen = new HashMap<>();
      for (Expr e : rules.get(i).body()) {
        Constraint c = constraint(e);
        if (c == null || seen.containsKey(c.key())) {
          continue;
        }
        seen.put(c.key(), c);
        PathIndex pi =
            byKey.computeIfAbsent(
                c.key(),
                k -> new PathIndex(c.ref(), c.membership(), new HashMap<>(), new BitSet()));
        if (pi.membership() != c.membership()) {
          continue;
        }
        pi.constrained().set(i);
        pi.byValue().computeIfAbsent(c.value(), v -> new BitSet()).set(i);
      }
    }
    List<PathIndex> useful = new ArrayList<>();
    for (PathIndex pi : byKey.values()) {
      if (pi.constrained().cardinality() * 2 >= rules.size() && pi.byValue().size() > 1) {
        useful.add(pi);
      }
    }
    useful.sort((a, b) -> b.constrained().cardinality() - a.constrained().cardinality());
    if (useful.size() > 3) {
      useful = new ArrayList<>(useful.subList(0, 3));
    }
    return useful.isEmpty() ? null : new RuleIndex(List.copyOf(rules), List.copyOf(useful));
  }

  private static Constraint constraint(Expr e) {
    if (e.negated() || !e.withs().isEmpty() || !(e.kind() instanceof Expr.TermExpr te)) {
      return null;
    }
    if (!(te.term() instanceof Term.Call c) || c.args().size() != 2) {
      return null;
    }
    Term a = c.args().get(0);
    Term b = c.args().get(1);
    switch (c.name()) {
      case "eq", "equal" -> {
        if (constantRef(a) != null && b instanceof Term.Scalar s) {
          return new Constraint(key(a) + "=", constantRef(a), false, s.value());
        }
        if (constantRef(b) != null && a instanceof Term.Scalar s) {
          return new Constraint(key(b) + "=", constantRef(b), false, s.value());
        }
        return null;
      }
      case "internal.member_2" -> {
        if (constantRef(b) != null && a instanceof Term.Scalar s) {
          return new Constraint(key(b) + " in", constantRef(b), true, s.value());
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static Term.Ref constantRef(Term t) {
    if (t instanceof Term.Ref r
        && r.head() instanceof Term.Var v
        && v.name().equals("input")
        && !r.path().isEmpty()
        && r.path().stream().allMatch(p -> p instanceof Term.Scalar)) {
      return r;
    }
    return null;
  }

  private static String key(Term t) {
    StringBuilder sb = new StringBuilder("input");
    for (Term p : ((Term.Ref) t).path()) {
      sb.append('[').append(((Term.Scalar) p).value()).append(']');
    }
    return sb.toString();
  }

  /**
   * The rules that may match, in source order.
   *
   * @param lookup the value of a constant reference, or null when undefined
   */
  public List<CompiledRule> candidates(Function<Term.Ref, Value> lookup) {
    BitSet result = new BitSet();
    result.set(0, rules.size());
    for (PathIndex pi : paths) {
      Value v = lookup.apply(pi.ref());
      BitSet allowed = new BitSet();
      allowed.set(0, rules.size());
      allowed.andNot(pi.constrained());
      if (v != null) {
        if (pi.membership()) {
          Collection<Value> members =
              switch (v) {
                case ArrayValue a -> a.elements();
                case SetValue s -> s.elements();
                case ObjectValue o -> o.asMap().values();
                default -> List.of();
              };
          for (Value m : members) {
            BitSet hit = pi.byValue().get(m);
            if (hit != null) {
              allowed.or(hit);
            }
          }
        } else {
          BitSet hit = pi.byValue().get(v);
          if (hit != null) {
            allowed.or(hit);
          }
        }
      }
      result.and(allowed);
    }
    List<CompiledRule> out = new ArrayList<>(result.cardinality());
    for (int i = result.nextSetBit(0); i >= 0; i = result.nextSetBit(i + 1)) {
      out.add(rules.get(i));
    }
    return out;
  }
}
