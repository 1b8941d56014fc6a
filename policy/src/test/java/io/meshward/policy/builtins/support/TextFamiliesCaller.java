package io.meshward.policy.builtins.support;

import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.Value;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls builtins through a {@link BuiltinTable} built from the families under test, checking the
 * operand count against the declared signature, with a fixed test context.
 */
public final class TextFamiliesCaller {

  private final BuiltinTable table;

  public TextFamiliesCaller(BuiltinFamily... families) {
    this.table = BuiltinTable.of(List.of(families));
  }

  public BuiltinTable table() {
    return table;
  }

  /** Calls {@code name} with operands written as JSON; returns null when undefined. */
  public Value call(String name, String... jsonArgs) throws BuiltinException {
    Value[] args = new Value[jsonArgs.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = Json.parse(jsonArgs[i]);
    }
    return callValues(name, args);
  }

  /** Calls {@code name} and returns the result as compact JSON. */
  public String json(String name, String... jsonArgs) throws BuiltinException {
    Value result = call(name, jsonArgs);
    return result == null ? null : result.toJson();
  }

  public Value callValues(String name, Value... args) throws BuiltinException {
    Builtin builtin =
        table.lookup(name).orElseThrow(() -> new AssertionError("no builtin named " + name));
    if (builtin.signature().arity() != args.length) {
      throw new AssertionError(
          name + " takes " + builtin.signature().arity() + " operands, got " + args.length);
    }
    return builtin.function().apply(new FixedContext(), args);
  }

  /** A fixed clock, an in-memory memo table, strict errors, no network. */
  private static final class FixedContext implements BuiltinContext {
    private final Map<Object, Object> memo = new HashMap<>();

    @Override
    public Instant now() {
      return Instant.parse("2026-01-02T03:04:05Z");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memoize(Object key, Function<Object, T> compute) {
      return (T) memo.computeIfAbsent(key, compute);
    }

    @Override
    public boolean strictBuiltinErrors() {
      return true;
    }

    @Override
    public HttpAccess http() {
      return HttpAccess.DISABLED;
    }

    @Override
    public void print(String line) {}

    @Override
    public Value runtime() {
      return NullValue.INSTANCE;
    }

    @Override
    public Map<String, Value> settings() {
      return Map.of();
    }

    @Override
    public void checkBudget() {}
  }
}
