package io.meshward.policy.builtins;

/** A group of related builtins (strings, numbers, net, ...) declared in one class. */
public interface BuiltinFamily {

  /** Declares every builtin of this family. */
  void register(BuiltinTable.Builder table);
}
