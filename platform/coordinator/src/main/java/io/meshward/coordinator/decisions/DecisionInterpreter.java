package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccessDecision.PortRule;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.engine.RuleRef;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place where the document {@code data.meshward.access} becomes a decision, for every
 * engine alike: {@code deny} (any element) overrides {@code allow} (true, else denied); {@code
 * ports} limits an allowed pair (absent or empty: everything). Anything malformed, undefined or
 * failed denies, saying why.
 */
public final class DecisionInterpreter {

  /** The package decisions evaluate. */
  public static final String PACKAGE = "meshward.access";

  public static final String NO_ALLOW = "no allow rule matched";

  private DecisionInterpreter() {}

  public static PairDecision interpret(PolicyResult result) {
    return switch (result) {
      case PolicyResult.Failed f ->
          PairDecision.denied(List.of(), List.of(), "policy evaluation failed: " + f.reason());
      case PolicyResult.Undefined u ->
          PairDecision.denied(
              List.of(),
              List.of(),
              "data." + PACKAGE + " is undefined: the active bundle has no package " + PACKAGE);
      case PolicyResult.Defined d -> interpret(d.document(), d.rules());
    };
  }

  static PairDecision interpret(Value document, List<RuleRef> fired) {
    if (!(document instanceof ObjectValue access)) {
      return PairDecision.denied(
          List.of(),
          List.of(),
          "data." + PACKAGE + " must be an object of rules, got " + document.typeName());
    }
    List<String> denyRules = labels(fired, "deny");
    Value deny = access.get("deny");
    List<String> reasons = new ArrayList<>();
    if (deny != null) {
      List<Value> elements = elements(deny);
      if (elements == null) {
        return PairDecision.denied(
            denyRules, List.of(), "deny must be a set of reasons, got " + deny.typeName());
      }
      elements.forEach(e -> reasons.add(reason(e)));
    }
    if (!reasons.isEmpty()) {
      return PairDecision.denied(denyRules, reasons, "denied: " + String.join("; ", reasons));
    }
    Value allow = access.get("allow");
    if (allow != null && !(allow instanceof BooleanValue)) {
      return PairDecision.denied(
          List.of(), List.of(), "allow must be a boolean, got " + allow.typeName());
    }
    if (allow == null || !((BooleanValue) allow).value()) {
      return PairDecision.denied(List.of(), List.of(), NO_ALLOW);
    }
    List<String> allowRules = labels(fired, "allow");
    Value ports = access.get("ports");
    List<String> written = new ArrayList<>();
    Set<PortRule> rules = new LinkedHashSet<>();
    if (ports != null) {
      List<Value> elements = elements(ports);
      if (elements == null) {
        return PairDecision.denied(
            allowRules, List.of(), "ports must be a set of strings, got " + ports.typeName());
      }
      for (Value e : elements) {
        if (!(e instanceof StringValue s)) {
          return PairDecision.denied(
              allowRules, List.of(), "ports entries must be strings, got " + Json.write(e));
        }
        try {
          rules.add(PortSpecs.parse(s.value()));
        } catch (IllegalArgumentException x) {
          return PairDecision.denied(allowRules, List.of(), x.getMessage());
        }
        written.add(s.value());
      }
      allowRules.addAll(labels(fired, "ports"));
    }
    if (rules.isEmpty() || rules.contains(PortRule.any())) {
      rules = Set.of(PortRule.any());
    }
    return new PairDecision(
        true,
        List.copyOf(new LinkedHashSet<>(allowRules)),
        List.of(),
        written,
        List.copyOf(rules),
        null);
  }

  /** A set, or an array (OPA answers sets as JSON arrays); null for anything else. */
  private static List<Value> elements(Value v) {
    if (v instanceof SetValue s) {
      return s.elements();
    }
    if (v instanceof ArrayValue a) {
      return a.elements();
    }
    return null;
  }

  private static String reason(Value element) {
    if (element instanceof StringValue s) {
      return s.value();
    }
    if (element instanceof ObjectValue o) {
      String id = o.get("id") instanceof StringValue s ? s.value() : null;
      String reason = o.get("reason") instanceof StringValue s ? s.value() : null;
      if (id != null && reason != null) {
        return id + ": " + reason;
      }
      if (id != null || reason != null) {
        return id != null ? id : reason;
      }
    }
    return Json.write(element);
  }

  /** Labels of the fired rules named {@code name} of the decision package, in order, once each. */
  private static List<String> labels(List<RuleRef> fired, String name) {
    String path = "data." + PACKAGE + "." + name;
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (RuleRef r : fired) {
      if (r.rule().equals(path)) {
        out.add(label(r));
      }
    }
    return new ArrayList<>(out);
  }

  /** A rule's METADATA {@code custom.id}, else its {@code title}, else {@code package.rule}. */
  public static String label(RuleRef r) {
    if (r.id() != null) {
      return r.id();
    }
    if (r.title() != null) {
      return r.title();
    }
    return r.rule().startsWith("data.") ? r.rule().substring(5) : r.rule();
  }
}
