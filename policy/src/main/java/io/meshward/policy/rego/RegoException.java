package io.meshward.policy.rego;

import io.meshward.policy.ast.Location;
import java.util.List;

/** Parsing, compiling or evaluating Rego failed; carries one or more {@link RegoError}s. */
public class RegoException extends RuntimeException {

  private final transient List<RegoError> errors;

  public RegoException(List<RegoError> errors) {
    super(describe(errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public RegoException(RegoError error) {
    this(List.of(error));
  }

  public RegoException(Location loc, String code, String message) {
    this(RegoError.at(loc, code, message));
  }

  public List<RegoError> errors() {
    return errors;
  }

  public RegoError first() {
    return errors.get(0);
  }

  private static String describe(List<RegoError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).toString();
    }
    StringBuilder sb = new StringBuilder(errors.size() + " errors occurred:");
    errors.forEach(e -> sb.append('\n').append(e));
    return sb.toString();
  }
}
