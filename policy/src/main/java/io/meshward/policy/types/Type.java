package io.meshward.policy.types;

import java.util.List;
import java.util.Map;

/**
 * A Rego type, as OPA's type checker and {@code capabilities.json} describe builtins. Written in
 * the compact syntax of {@link TypeSyntax}.
 */
public sealed interface Type {

  /** Any value at all, or (when {@code of} is non-empty) any one of the listed types. */
  record Any(List<Type> of) implements Type {
    public Any {
      of = List.copyOf(of);
    }
  }

  record Null() implements Type {}

  record Boolean() implements Type {}

  record Number() implements Type {}

  record StringType() implements Type {}

  /** An array: fixed leading element types ({@code prefix}), then any number of {@code rest}. */
  record ArrayType(List<Type> prefix, Type rest) implements Type {
    public ArrayType {
      prefix = List.copyOf(prefix);
    }
  }

  record SetType(Type element) implements Type {}

  /**
   * An object: named keys with their types ({@code fixed}), and optionally further keys of {@code
   * dynamicKey} mapping to {@code dynamicValue} (both null when the object is closed).
   */
  record ObjectType(Map<String, Type> fixed, Type dynamicKey, Type dynamicValue) implements Type {
    public ObjectType {
      fixed = Map.copyOf(fixed);
    }
  }

  /** A function: its argument types, an optional variadic type, and its result (null: none). */
  record FunctionType(List<Type> args, Type variadic, Type result) implements Type {
    public FunctionType {
      args = List.copyOf(args);
    }

    public int arity() {
      return args.size();
    }
  }

  Type ANY = new Any(List.of());
  Type NULL = new Null();
  Type BOOLEAN = new Boolean();
  Type NUMBER = new Number();
  Type STRING = new StringType();
}
