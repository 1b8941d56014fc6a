package io.meshward.policy.rego;

import io.meshward.policy.value.Value;
import java.util.List;
import java.util.Map;

/**
 * One solution of a query.
 *
 * @param bindings the value of each named query variable
 * @param expressions the value of each query expression, in source order
 */
public record ResultRow(Map<String, Value> bindings, List<Value> expressions) {

  public ResultRow {
    bindings = Map.copyOf(bindings);
    expressions = List.copyOf(expressions);
  }
}
