package io.meshward.policy.builtins;

/**
 * A builtin call failed. The evaluator reports it as {@code eval_type_error} or {@code
 * eval_builtin_error}, prefixed with the builtin's name, e.g. {@code eval_type_error: count:
 * operand 1 must be one of {array, object, set, string} but got number}.
 */
public class BuiltinException extends Exception {

  /** Which of OPA's error codes this failure maps to. */
  public enum Kind {
    /** An operand has the wrong type: {@code eval_type_error}. */
    TYPE,
    /** The call failed for another reason: {@code eval_builtin_error}. */
    BUILTIN
  }

  private final Kind kind;

  public BuiltinException(String message) {
    this(Kind.BUILTIN, message);
  }

  public BuiltinException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public BuiltinException(String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = Kind.BUILTIN;
  }

  public Kind kind() {
    return kind;
  }

  /** OPA's code for this failure: {@code eval_type_error} or {@code eval_builtin_error}. */
  public String code() {
    return kind == Kind.TYPE ? "eval_type_error" : "eval_builtin_error";
  }
}
