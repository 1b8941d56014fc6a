package io.meshward.policy.builtins;

import io.meshward.policy.value.Value;

/** The implementation of one builtin. */
@FunctionalInterface
public interface BuiltinFunction {

  /**
   * Applies the builtin.
   *
   * @param context the evaluation this call belongs to
   * @param args the operands, one per declared argument (variadic ones appended)
   * @return the result, or {@code null} when the result is undefined
   * @throws BuiltinException when an operand has the wrong type or the call fails
   */
  Value apply(BuiltinContext context, Value[] args) throws BuiltinException;
}
