package io.meshward.policy.engine;

import io.meshward.policy.value.Value;
import java.util.List;
import java.util.Objects;

/** The outcome of one {@link PolicyEngine#evaluate evaluation}: exactly one of three cases. */
public sealed interface PolicyResult {

  /**
   * The document is defined.
   *
   * @param document its value
   * @param rules the rules that produced it, when the engine can tell (empty otherwise, e.g. OPA)
   */
  record Defined(Value document, List<RuleRef> rules) implements PolicyResult {
    public Defined {
      Objects.requireNonNull(document, "document");
      rules = List.copyOf(rules);
    }
  }

  /** No rule defines the document for this input. */
  record Undefined() implements PolicyResult {}

  /**
   * No decision could be made.
   *
   * @param kind why, broadly
   * @param reason what happened, for a person: the Rego error with file:row:col, or the URL and the
   *     transport cause
   */
  record Failed(FailureKind kind, String reason) implements PolicyResult {
    public Failed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Shared instance: undefined carries no data. */
  Undefined UNDEFINED = new Undefined();

  static PolicyResult defined(Value document, List<RuleRef> rules) {
    return new Defined(document, rules);
  }

  static PolicyResult failed(FailureKind kind, String reason) {
    return new Failed(kind, reason);
  }
}
