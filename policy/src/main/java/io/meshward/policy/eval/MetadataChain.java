package io.meshward.policy.eval;

import io.meshward.policy.ast.Annotations;
import io.meshward.policy.compile.CompiledPolicy;
import io.meshward.policy.compile.CompiledRule;
import io.meshward.policy.compile.RuleSet;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of {@code rego.metadata.rule()} and {@code rego.metadata.chain()}: the METADATA of a
 * rule, then of its document, package and enclosing packages.
 */
final class MetadataChain {

  private MetadataChain() {}

  static Value rule(CompiledRule r) {
    if (r == null || r.annotations() == null) {
      return ObjectValue.EMPTY;
    }
    return annotationValue(r.annotations());
  }

  static Value chain(CompiledPolicy policy, CompiledRule r) {
    List<Value> chain = new ArrayList<>();
    if (r == null) {
      return ArrayValue.EMPTY;
    }
    RuleSet rs = policy.ruleSets().get(r.path());
    List<String> segs = rs == null ? List.of() : rs.segments();
    List<Value> path = new ArrayList<>();
    segs.forEach(s -> path.add(StringValue.of(s)));
    Map<Value, Value> first = new HashMap<>();
    first.put(StringValue.of("path"), ArrayValue.of(path));
    if (r.annotations() != null && "rule".equals(r.annotations().scope())) {
      first.put(StringValue.of("annotations"), annotationValue(r.annotations()));
    }
    chain.add(ObjectValue.of(first));
    if (rs != null) {
      List<CompiledRule> all = new ArrayList<>(rs.rules());
      if (rs.defaultRule() != null) {
        all.add(rs.defaultRule());
      }
      for (CompiledRule other : all) {
        if (other.annotations() != null && "document".equals(other.annotations().scope())) {
          chain.add(
              ObjectValue.of(
                  Map.of(
                      StringValue.of("path"),
                      ArrayValue.of(path),
                      StringValue.of("annotations"),
                      annotationValue(other.annotations()))));
        }
      }
    }
    for (int len = segs.size() - 1; len >= 0; len--) {
      List<String> prefix = segs.subList(0, len);
      for (var m : policy.modules()) {
        if (!m.packagePath().equals(prefix)) {
          continue;
        }
        for (Annotations a : m.packageAnnotations()) {
          boolean own = len == segs.size() - 1;
          if (("package".equals(a.scope()) && own) || "subpackages".equals(a.scope())) {
            List<Value> p = new ArrayList<>();
            prefix.forEach(s -> p.add(StringValue.of(s)));
            chain.add(
                ObjectValue.of(
                    Map.of(
                        StringValue.of("path"),
                        ArrayValue.of(p),
                        StringValue.of("annotations"),
                        annotationValue(a))));
          }
        }
      }
    }
    return ArrayValue.of(chain);
  }

  private static Value annotationValue(Annotations a) {
    Map<Value, Value> m = new HashMap<>(a.value().asMap());
    m.put(StringValue.of("scope"), StringValue.of(a.scope()));
    return ObjectValue.of(m);
  }
}
