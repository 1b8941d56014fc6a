package io.meshward.coordinator.decisions;

import io.meshward.policy.ast.Term;
import io.meshward.policy.compile.CompiledPolicy;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a policy can read of its input, found statically: which fields of {@code input.source} and
 * {@code input.destination}, and whether a decision may depend on anything else (the time, random
 * or network builtins). Two pairs whose peers agree on every field read get the same decision,
 * which is what lets decisions be shared between peers.
 *
 * @param sourceFields fields of {@code input.source} the policy reads; null means any
 * @param destinationFields fields of {@code input.destination}; null means any
 * @param cacheable whether a decision depends on nothing but those fields (and the data document)
 */
record InputUsage(Set<String> sourceFields, Set<String> destinationFields, boolean cacheable) {

  /** Nothing can be assumed: every field read, nothing shared. */
  static final InputUsage UNKNOWN = new InputUsage(null, null, false);

  // Builtins whose answers change between two evaluations of the same input.
  private static final Set<String> VOLATILE_BUILTINS =
      Set.of(
          "time.now_ns",
          "rand.intn",
          "uuid.rfc4122",
          "uuid.parse",
          "http.send",
          "net.lookup_ip_addr",
          "opa.runtime",
          "crypto.x509.parse_and_verify_certificates",
          "io.jwt.decode_verify");

  static InputUsage of(CompiledPolicy policy) {
    Set<String> source = new HashSet<>();
    Set<String> destination = new HashSet<>();
    boolean[] anySource = {false};
    boolean[] anyDestination = {false};
    boolean[] cacheable = {true};
    // Refs nested in a longer ref are visited again on their own; remember which were seen whole.
    Map<Term, Boolean> inner = new IdentityHashMap<>();
    RegoTerms.forEachRule(
        policy,
        rule ->
            RegoTerms.walk(
                rule,
                t -> {
                  if (t instanceof Term.Call c && VOLATILE_BUILTINS.contains(c.name())) {
                    cacheable[0] = false;
                  }
                  if (t instanceof Term.Var v
                      && v.name().equals("input")
                      && !inner.containsKey(t)) {
                    // "input" on its own (not as the head of a reference): anything may be read.
                    anySource[0] = true;
                    anyDestination[0] = true;
                    cacheable[0] = false;
                  }
                  if (!RegoTerms.rootedAt(t, "input")) {
                    return;
                  }
                  Term.Ref r = (Term.Ref) t;
                  inner.put(r.head(), true);
                  String side =
                      r.path().isEmpty() ? null : RegoTerms.constantString(r.path().get(0));
                  if (side == null) {
                    anySource[0] = true;
                    anyDestination[0] = true;
                    cacheable[0] = false;
                    return;
                  }
                  switch (side) {
                    case "source", "destination" -> {
                      boolean isSource = side.equals("source");
                      String field =
                          r.path().size() < 2 ? null : RegoTerms.constantString(r.path().get(1));
                      if (field == null) {
                        if (isSource) {
                          anySource[0] = true;
                        } else {
                          anyDestination[0] = true;
                        }
                      } else {
                        (isSource ? source : destination).add(field);
                      }
                    }
                    // input.time and anything else we do not project: decisions are not shared.
                    default -> cacheable[0] = false;
                  }
                }));
    return new InputUsage(
        anySource[0] ? null : Set.copyOf(source),
        anyDestination[0] ? null : Set.copyOf(destination),
        cacheable[0]);
  }
}
