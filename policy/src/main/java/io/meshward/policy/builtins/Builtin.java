package io.meshward.policy.builtins;

import io.meshward.policy.types.Type;
import io.meshward.policy.types.TypeSyntax;
import java.util.Objects;

/**
 * One builtin function: its name, type signature and implementation.
 *
 * @param name the dotted name, e.g. {@code "strings.replace_n"}
 * @param signature argument and result types, checked by the compiler
 * @param function the implementation
 * @param nondeterministic whether results may differ between calls with the same operands (time,
 *     randomness, network); such results are never cached across evaluations
 * @param relation whether the builtin yields many results, like {@code walk}
 */
public record Builtin(
    String name,
    Type.FunctionType signature,
    BuiltinFunction function,
    boolean nondeterministic,
    boolean relation) {

  public Builtin {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(function, "function");
  }

  @Override
  public String toString() {
    return name + TypeSyntax.format(signature);
  }
}
