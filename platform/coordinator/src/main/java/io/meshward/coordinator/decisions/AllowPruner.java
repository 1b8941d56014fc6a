package io.meshward.coordinator.decisions;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Term;
import io.meshward.policy.compile.CompiledPolicy;
import io.meshward.policy.compile.CompiledRule;
import io.meshward.policy.compile.RuleSet;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, from the {@code allow} rules' bodies, which pairs cannot possibly be allowed, so they need
 * not be evaluated. A rule body that contains {@code "g" in input.destination.groups} (or {@code
 * input.destination.groups[_] == "g"}) as a plain literal can only hold for destinations in group
 * {@code g}; likewise for the source. A pair is a candidate when at least one {@code allow} rule's
 * requirements can hold for it. When any {@code allow} rule (or a non-false default) has no such
 * requirement, every pair is a candidate: pruning never drops a pair the policy could allow. Deny
 * rules only ever remove access, so they need no analysis.
 */
final class AllowPruner {

  /** Groups one allow rule requires: all of {@code source} for the source, all of the rest. */
  record Requirement(Set<String> source, Set<String> destination) {}

  private final boolean everything;
  private final List<Requirement> requirements;
  // Requirements indexed by one required group of the side they constrain, plus the unconstrained.
  private final Map<String, List<Requirement>> bySourceGroup = new HashMap<>();
  private final List<Requirement> anySource = new ArrayList<>();
  private final Map<String, List<Requirement>> byDestinationGroup = new HashMap<>();
  private final List<Requirement> anyDestination = new ArrayList<>();

  private AllowPruner(boolean everything, List<Requirement> requirements) {
    this.everything = everything;
    this.requirements = List.copyOf(requirements);
    for (Requirement r : requirements) {
      index(r, r.source(), bySourceGroup, anySource);
      index(r, r.destination(), byDestinationGroup, anyDestination);
    }
  }

  private static void index(
      Requirement r, Set<String> groups, Map<String, List<Requirement>> by, List<Requirement> any) {
    if (groups.isEmpty()) {
      any.add(r);
    } else {
      by.computeIfAbsent(groups.iterator().next(), k -> new ArrayList<>()).add(r);
    }
  }

  /** Nothing can be allowed: no pair is a candidate. */
  static AllowPruner nothing() {
    return new AllowPruner(false, List.of());
  }

  /** No pruning: every pair is a candidate. */
  static AllowPruner none() {
    return new AllowPruner(true, List.of());
  }

  /** Analyses {@code data.<pkg>.allow}, e.g. {@code data.meshward.access.allow}. */
  static AllowPruner analyse(CompiledPolicy policy, String allowPath, ObjectValue data) {
    for (String path : policy.ruleSets().keySet()) {
      if (allowPath.startsWith(path + ".") || path.startsWith(allowPath + ".")) {
        return none(); // an enclosing (or nested) rule may define allow some other way
      }
    }
    RuleSet allow = policy.ruleSets().get(allowPath);
    if (allow == null || definedInData(data, allowPath)) {
      return none();
    }
    if (!allow.complete()) {
      return none();
    }
    if (allow.defaultRule() != null && !isFalse(allow.defaultRule().value())) {
      return none();
    }
    List<Requirement> out = new ArrayList<>();
    for (CompiledRule rule : allow.rules()) {
      for (CompiledRule branch = rule; branch != null; branch = branch.elseRule()) {
        if (isFalse(branch.value())) {
          continue; // allow := false can never allow
        }
        Requirement r = requirement(branch.body());
        if (r.source().isEmpty() && r.destination().isEmpty()) {
          return none();
        }
        out.add(r);
      }
    }
    return new AllowPruner(false, out);
  }

  private static boolean definedInData(ObjectValue data, String path) {
    Value node = data;
    for (String segment : path.substring("data.".length()).split("\\.")) {
      if (!(node instanceof ObjectValue o)) {
        return false;
      }
      node = o.get(segment);
      if (node == null) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFalse(Term value) {
    return value instanceof Term.Scalar s && BooleanValue.FALSE.equals(s.value());
  }

  private static Requirement requirement(List<Expr> body) {
    Set<String> source = new LinkedHashSet<>();
    Set<String> destination = new LinkedHashSet<>();
    for (Expr e : body) {
      if (e.negated() || !e.withs().isEmpty() || !(e.kind() instanceof Expr.TermExpr te)) {
        continue;
      }
      if (!(te.term() instanceof Term.Call call)) {
        continue;
      }
      Membership m = membership(call);
      if (m != null) {
        (m.source() ? source : destination).add(m.group());
      }
    }
    return new Requirement(Set.copyOf(source), Set.copyOf(destination));
  }

  private record Membership(boolean source, String group) {}

  private static Membership membership(Term.Call call) {
    List<Term> args = call.args();
    switch (call.name()) {
      case "internal.member_2" -> {
        String group = RegoTerms.constantString(args.get(0));
        String side = groupsSide(args.get(1), 2);
        return group == null || side == null ? null : new Membership(side.equals("source"), group);
      }
      case "equal", "eq" -> {
        for (int i = 0; i < 2; i++) {
          String group = RegoTerms.constantString(args.get(i));
          String side = groupsSide(args.get(1 - i), 3);
          if (group != null && side != null) {
            return new Membership(side.equals("source"), group);
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** "source" or "destination" when {@code t} is {@code input.<side>.groups} (+ one index). */
  private static String groupsSide(Term t, int pathLength) {
    if (!RegoTerms.rootedAt(t, "input")) {
      return null;
    }
    List<Term> path = ((Term.Ref) t).path();
    if (path.size() != pathLength || !"groups".equals(RegoTerms.constantString(path.get(1)))) {
      return null;
    }
    String side = RegoTerms.constantString(path.get(0));
    return "source".equals(side) || "destination".equals(side) ? side : null;
  }

  /** Whether every pair is a candidate. */
  boolean prunesNothing() {
    return everything;
  }

  List<Requirement> requirements() {
    return requirements;
  }

  /**
   * Peers that {@code source} may be allowed to reach, or null for every peer.
   *
   * @param groupsOf a peer's group names
   * @param members a group's member ids
   */
  Set<String> destinationsFor(
      Set<String> sourceGroups, java.util.function.Function<String, Set<String>> members) {
    return candidates(
        sourceGroups,
        bySourceGroup,
        anySource,
        Requirement::source,
        Requirement::destination,
        members);
  }

  /** Peers that may be allowed to reach {@code destination}, or null for every peer. */
  Set<String> sourcesFor(
      Set<String> destinationGroups, java.util.function.Function<String, Set<String>> members) {
    return candidates(
        destinationGroups,
        byDestinationGroup,
        anyDestination,
        Requirement::destination,
        Requirement::source,
        members);
  }

  private Set<String> candidates(
      Set<String> groups,
      Map<String, List<Requirement>> index,
      List<Requirement> unconstrained,
      java.util.function.Function<Requirement, Set<String>> mySide,
      java.util.function.Function<Requirement, Set<String>> otherSide,
      java.util.function.Function<String, Set<String>> members) {
    if (everything) {
      return null;
    }
    Set<String> out = new HashSet<>();
    Set<Requirement> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<Collection<Requirement>> lists = new ArrayList<>();
    lists.add(unconstrained);
    for (String g : groups) {
      List<Requirement> l = index.get(g);
      if (l != null) {
        lists.add(l);
      }
    }
    for (Collection<Requirement> list : lists) {
      for (Requirement r : list) {
        if (!seen.add(r) || !groups.containsAll(mySide.apply(r))) {
          continue;
        }
        Set<String> required = otherSide.apply(r);
        if (required.isEmpty()) {
          return null;
        }
        Set<String> smallest = null;
        for (String g : required) {
          Set<String> m = members.apply(g);
          if (smallest == null || m.size() < smallest.size()) {
            smallest = m;
          }
        }
        out.addAll(smallest);
      }
    }
    return out;
  }
}
