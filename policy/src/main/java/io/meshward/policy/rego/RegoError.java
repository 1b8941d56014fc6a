package io.meshward.policy.rego;

import io.meshward.policy.ast.Location;

/**
 * A Rego error as OPA reports it.
 *
 * @param code OPA's code: {@code rego_parse_error}, {@code rego_compile_error}, {@code
 *     rego_type_error}, {@code rego_unsafe_var_error}, {@code rego_recursion_error}, {@code
 *     eval_conflict_error}, {@code eval_type_error}, {@code eval_builtin_error}, {@code
 *     eval_budget_error} (deadline or step limit exhausted), {@code eval_internal_error} (a defect
 *     in the engine, reported rather than thrown so callers fail closed)
 * @param message what went wrong
 * @param file source file, or empty
 * @param row 1-based row, 0 when unknown
 * @param col 1-based column, 0 when unknown
 */
public record RegoError(String code, String message, String file, int row, int col) {

  public static RegoError at(Location loc, String code, String message) {
    Location l = loc == null ? Location.NONE : loc;
    return new RegoError(code, message, l.file(), l.row(), l.col());
  }

  /** Whether the error happened before evaluation (parsing or compiling) or during it. */
  public Category category() {
    return code.startsWith("eval_") ? Category.EVALUATION : Category.COMPILATION;
  }

  /** The two phases an error can come from. */
  public enum Category {
    COMPILATION,
    EVALUATION
  }

  /** {@code file:row:col: code: message}, as the CLI prints it. */
  @Override
  public String toString() {
    String where =
        row > 0 ? file + ":" + row + ":" + col + ": " : file.isEmpty() ? "" : file + ": ";
    return where + code + ": " + message;
  }
}
