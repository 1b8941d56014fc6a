package io.meshward.policy.builtins;

import io.meshward.policy.types.TypeSyntax;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every builtin the engine knows, by name, each declared once with its type signature. */
public final class BuiltinTable {

  private final Map<String, Builtin> byName;

  private BuiltinTable(Map<String, Builtin> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /** A table holding the builtins of these families. */
  public static BuiltinTable of(List<? extends BuiltinFamily> families) {
    Builder builder = new Builder();
    families.forEach(f -> f.register(builder));
    return builder.build();
  }

  public Optional<Builtin> lookup(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Builtin> all() {
    return byName.values();
  }

  /** A copy of this table with {@code replacement} in place of the builtin of the same name. */
  public BuiltinTable with(Builtin replacement) {
    Map<String, Builtin> copy = new LinkedHashMap<>(byName);
    copy.put(replacement.name(), replacement);
    return new BuiltinTable(copy);
  }

  /** Collects declarations from the families. */
  public static final class Builder {
    private final Map<String, Builtin> byName = new LinkedHashMap<>();

    /**
     * Declares a deterministic builtin.
     *
     * @param name dotted name
     * @param signature in {@link TypeSyntax} notation, e.g. {@code (string, string) -> boolean}
     */
    public Builder add(String name, String signature, BuiltinFunction function) {
      return add(new Builtin(name, TypeSyntax.parseSignature(signature), function, false, false));
    }

    /** Declares a builtin whose result may change between calls (time, randomness, network). */
    public Builder addNondeterministic(String name, String signature, BuiltinFunction function) {
      return add(new Builtin(name, TypeSyntax.parseSignature(signature), function, true, false));
    }

    public Builder add(Builtin builtin) {
      if (byName.putIfAbsent(builtin.name(), builtin) != null) {
        throw new IllegalStateException("builtin declared twice: " + builtin.name());
      }
      return this;
    }

    public BuiltinTable build() {
      return new BuiltinTable(byName);
    }
  }
}
