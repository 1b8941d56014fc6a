package io.meshward.policy.rego;

import io.meshward.policy.eval.TraceEvent;
import java.util.List;

/**
 * The outcome of an evaluation: result rows, or an error.
 *
 * @param rows the solutions; empty means undefined
 * @param trace rules that produced values, when tracing was requested
 * @param error the error, or null
 */
public record EvalResult(List<ResultRow> rows, List<TraceEvent> trace, RegoError error) {

  public EvalResult {
    rows = List.copyOf(rows);
    trace = List.copyOf(trace);
  }

  public boolean isError() {
    return error != null;
  }

  public boolean isUndefined() {
    return error == null && rows.isEmpty();
  }
}
