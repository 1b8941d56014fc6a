package io.meshward.policy.compile;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Term;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rejects rules that depend on themselves ({@code rego_recursion_error}). */
final class RecursionCheck {

  private final Map<String, RuleSet> ruleSets;
  private final RuleNode root;
  private final Map<String, Set<String>> edges = new HashMap<>();

  private RecursionCheck(Map<String, RuleSet> ruleSets, RuleNode root) {
    this.ruleSets = ruleSets;
    this.root = root;
  }

  static void check(Map<String, RuleSet> ruleSets, RuleNode root, List<RegoError> errors) {
    RecursionCheck rc = new RecursionCheck(ruleSets, root);
    ruleSets.forEach((path, rs) -> rc.edges.put(path, rc.dependencies(rs)));
    Set<String> done = new LinkedHashSet<>();
    Set<String> reported = new LinkedHashSet<>();
    for (String path : ruleSets.keySet()) {
      List<String> stack = new ArrayList<>();
      rc.visit(path, stack, done, errors, reported);
    }
  }

  private void visit(
      String path,
      List<String> stack,
      Set<String> done,
      List<RegoError> errors,
      Set<String> reported) {
    int at = stack.indexOf(path);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
      cycle.add(path);
      if (reported.add(path)) {
        RuleSet rs = ruleSets.get(path);
        CompiledRule first = rs.rules().isEmpty() ? rs.defaultRule() : rs.rules().get(0);
        errors.add(
            RegoError.at(
                first.loc(),
                "rego_recursion_error",
                "rule " + path + " is recursive: " + String.join(" -> ", cycle)));
      }
      return;
    }
    if (done.contains(path)) {
      return;
    }
    stack.add(path);
    for (String dep : edges.getOrDefault(path, Set.of())) {
      visit(dep, stack, done, errors, reported);
    }
    stack.remove(stack.size() - 1);
    done.add(path);
  }

  private Set<String> dependencies(RuleSet rs) {
    Set<String> out = new LinkedHashSet<>();
    List<CompiledRule> all = new ArrayList<>(rs.rules());
    if (rs.defaultRule() != null) {
      all.add(rs.defaultRule());
    }
    for (CompiledRule r : all) {
      for (CompiledRule b = r; b != null; b = b.elseRule()) {
        b.body().forEach(e -> expr(e, out));
        b.keyPath().forEach(t -> term(t, out));
        if (b.key() != null) {
          term(b.key(), out);
        }
        term(b.value(), out);
      }
    }
    return out;
  }

  private void expr(Expr e, Set<String> out) {
    switch (e.kind()) {
      case Expr.TermExpr te -> term(te.term(), out);
      case Expr.SomeIn s -> {
        term(s.value(), out);
        term(s.domain(), out);
      }
      case Expr.Every ev -> {
        term(ev.domain(), out);
        ev.body().forEach(b -> expr(b, out));
      }
      case Expr.Disjunction d -> d.alternatives().forEach(a -> a.forEach(x -> expr(x, out)));
      case Expr.Group g -> g.body().forEach(x -> expr(x, out));
      default -> {}
    }
    e.withs().forEach(w -> term(w.value(), out));
  }

  private void term(Term t, Set<String> out) {
    switch (t) {
      case Term.Ref r -> {
        if (r.head() instanceof Term.Var v && v.name().equals("data")) {
          refDeps(r, out);
        } else {
          term(r.head(), out);
        }
        r.path().forEach(p -> term(p, out));
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> term(x, out));
      case Term.SetTerm s -> s.items().forEach(x -> term(x, out));
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    term(en.key(), out);
                    term(en.value(), out);
                  });
      case Term.Call c -> {
        if (c.name().startsWith("data.") && ruleSets.containsKey(c.name())) {
          out.add(c.name());
        }
        c.args().forEach(x -> term(x, out));
      }
      case Term.ArrayCompr c -> {
        term(c.head(), out);
        c.body().forEach(b -> expr(b, out));
      }
      case Term.SetCompr c -> {
        term(c.head(), out);
        c.body().forEach(b -> expr(b, out));
      }
      case Term.ObjectCompr c -> {
        term(c.key(), out);
        term(c.value(), out);
        c.body().forEach(b -> expr(b, out));
      }
      default -> {}
    }
  }

  private void refDeps(Term.Ref r, Set<String> out) {
    RuleNode node = root;
    for (Term p : r.path()) {
      if (node.rules() != null) {
        out.add(node.rules().path());
      }
      if (p instanceof Term.Scalar s && !(s.value() instanceof StringValue)) {
        return;
      }
      if (!(p instanceof Term.Scalar s && s.value() instanceof StringValue)) {
        return;
      }
      node = node.child(s.value());
      if (node == null) {
        return;
      }
    }
    collectAll(node, out);
  }

  private static void collectAll(RuleNode node, Set<String> out) {
    if (node.rules() != null) {
      out.add(node.rules().path());
    }
    node.children().values().forEach(c -> collectAll(c, out));
  }
}
