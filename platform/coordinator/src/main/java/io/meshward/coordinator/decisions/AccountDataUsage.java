package io.meshward.coordinator.decisions;

import io.meshward.policy.ast.Term;
import io.meshward.policy.compile.CompiledPolicy;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Whether a policy can read {@code data.meshward.groups} or {@code data.meshward.peers}. A policy
 * that cannot is compiled once per bundle version; one that can is compiled again whenever the
 * account's groups or peers change, since they are part of its data document.
 */
final class AccountDataUsage {

  private AccountDataUsage() {}

  static boolean reads(CompiledPolicy policy) {
    boolean[] reads = {false};
    Map<Term, Boolean> heads = new IdentityHashMap<>();
    RegoTerms.forEachRule(
        policy,
        rule ->
            RegoTerms.walk(
                rule,
                t -> {
                  if (t instanceof Term.Var v && v.name().equals("data") && !heads.containsKey(t)) {
                    reads[0] = true; // data as a whole
                  }
                  if (!RegoTerms.rootedAt(t, "data")) {
                    return;
                  }
                  Term.Ref r = (Term.Ref) t;
                  heads.put(r.head(), true);
                  var path = r.path();
                  String first = path.isEmpty() ? null : RegoTerms.constantString(path.get(0));
                  if (first == null) {
                    reads[0] = true;
                  } else if (first.equals("meshward")) {
                    String second = path.size() < 2 ? null : RegoTerms.constantString(path.get(1));
                    if (second == null || second.equals("groups") || second.equals("peers")) {
                      reads[0] = true;
                    }
                  }
                }));
    return reads[0];
  }
}
