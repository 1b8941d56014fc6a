package io.meshward.policy.builtins.valuetest;

import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.aggregates.AggregateBuiltins;
import io.meshward.policy.builtins.arrays.ArrayBuiltins;
import io.meshward.policy.builtins.graph.GraphBuiltins;
import io.meshward.policy.builtins.numbers.NumberBuiltins;
import io.meshward.policy.builtins.objects.ObjectBuiltins;
import io.meshward.policy.builtins.semver.SemverBuiltins;
import io.meshward.policy.builtins.sets.SetBuiltins;
import io.meshward.policy.builtins.strings.StringBuiltins;
import io.meshward.policy.builtins.types.TypeBuiltins;
import io.meshward.policy.builtins.units.UnitsBuiltins;
import io.meshward.policy.builtins.uuid.UuidBuiltins;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Calls the value builtin families (numbers, strings, objects, ...) through a {@link BuiltinTable},
 * checking the operand count against each declared signature, with a simple per-evaluation context.
 */
public final class ValueBuiltinHarness {

  /** Every family this harness covers; the signature test checks each of their builtins. */
  public static final List<BuiltinFamily> FAMILIES =
      List.of(
          new NumberBuiltins(new Random(42)),
          new AggregateBuiltins(),
          new ArrayBuiltins(),
          new SetBuiltins(),
          new ObjectBuiltins(),
          new StringBuiltins(),
          new TypeBuiltins(),
          new GraphBuiltins(),
          new UnitsBuiltins(),
          new SemverBuiltins(),
          new UuidBuiltins());

  public static final BuiltinTable TABLE = BuiltinTable.of(FAMILIES);

  private ValueBuiltinHarness() {}

  /** Calls a builtin in a fresh evaluation. */
  public static Value call(String name, Value... args) throws BuiltinException {
    return call(new TestContext(), name, args);
  }

  /** Calls a builtin within the given evaluation. */
  public static Value call(BuiltinContext ctx, String name, Value... args) throws BuiltinException {
    Builtin builtin =
        TABLE.lookup(name).orElseThrow(() -> new AssertionError("no builtin named " + name));
    if (builtin.signature().arity() != args.length) {
      throw new AssertionError(
          name + " declares " + builtin.signature().arity() + " operands, got " + args.length);
    }
    return builtin.function().apply(ctx, args);
  }

  /** Parses JSON into a value; sets are written with {@link #set}. */
  public static Value json(String text) {
    return Json.parse(text);
  }

  public static StringValue str(String s) {
    return StringValue.of(s);
  }

  public static SetValue set(Value... elements) {
    return SetValue.of(elements);
  }

  /** A context with a fixed clock and a map-backed memo, as one evaluation would have. */
  public static final class TestContext implements BuiltinContext {
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
