package io.meshward.policy.rego;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.compile.CompiledQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A query compiled against a prepared policy; immutable and safe to evaluate concurrently. */
public final class PreparedQuery {

  private final PreparedPolicy policy;
  private final CompiledQuery query;
  private final List<Expr> sourceOrder;

  PreparedQuery(PreparedPolicy policy, CompiledQuery query) {
    this.policy = policy;
    this.query = query;
    List<Expr> sorted = new ArrayList<>(query.body());
    sorted.sort(
        Comparator.comparingInt((Expr e) -> e.loc().row()).thenComparingInt(e -> e.loc().col()));
    this.sourceOrder = List.copyOf(sorted);
  }

  /** The query's literals in the order they were written (the compiled body is reordered). */
  List<Expr> sourceOrder() {
    return sourceOrder;
  }

  public String text() {
    return query.text();
  }

  CompiledQuery compiled() {
    return query;
  }

  /** Evaluates the query; never throws for Rego errors, which come back in the result. */
  public EvalResult evaluate(EvalOptions options) {
    return policy.run(this, options);
  }
}
