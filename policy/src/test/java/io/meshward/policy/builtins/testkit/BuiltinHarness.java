package io.meshward.policy.builtins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * Calls builtins of the families under test through a {@link BuiltinTable}, the way the evaluator
 * does: the operand count is checked against the declared signature, and every call of one harness
 * runs in the same evaluation context (a fixed clock, a memo table, strict errors, no network
 * unless given).
 */
public final class BuiltinHarness {

  /** The clock of a harness made without a context. */
  public static final Instant DEFAULT_NOW = Instant.parse("2024-03-01T12:00:00.123456789Z");

  private static final Path CAPABILITIES = Path.of("/work/shared/opa-reference/capabilities.json");

  private final BuiltinTable table;
  private final FixedContext context;

  public BuiltinHarness(BuiltinFamily... families) {
    this(new FixedContext(), families);
  }

  public BuiltinHarness(FixedContext context, BuiltinFamily... families) {
    this.table = BuiltinTable.of(List.of(families));
    this.context = context;
  }

  /**
   * A harness over the families that compute on values alone (numbers, strings, objects, ...), all
   * in one table as some of their tests call across families.
   */
  public static BuiltinHarness ofValueFamilies() {
    return new BuiltinHarness(
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
  }

  public BuiltinTable table() {
    return table;
  }

  public FixedContext context() {
    return context;
  }

  /** Calls {@code name} with operands written as JSON; null when undefined. */
  public Value call(String name, String... jsonArgs) throws BuiltinException {
    Value[] args = new Value[jsonArgs.length];
    for (int i = 0; i < jsonArgs.length; i++) {
      args[i] = Json.parse(jsonArgs[i]);
    }
    return callValues(name, args);
  }

  /** Calls {@code name} with operands given as values; null when undefined. */
  public Value callValues(String name, Value... args) throws BuiltinException {
    return callIn(context, name, args);
  }

  /** Calls {@code name} within another evaluation context than this harness's own. */
  public Value callIn(BuiltinContext ctx, String name, Value... args) throws BuiltinException {
    Builtin builtin =
        table.lookup(name).orElseThrow(() -> new AssertionError("no builtin " + name));
    assertThat(args.length).as("arity of %s", name).isEqualTo(builtin.signature().arity());
    return builtin.function().apply(ctx, args);
  }

  /** The result as compact JSON. */
  public String json(String name, String... jsonArgs) throws BuiltinException {
    Value v = call(name, jsonArgs);
    return v == null ? null : v.toJson();
  }

  public AbstractThrowableAssert<?, ? extends Throwable> failure(String name, String... jsonArgs) {
    return assertThatThrownBy(() -> call(name, jsonArgs)).isInstanceOf(BuiltinException.class);
  }

  /** JSON string literal for a Java string, to pass as an operand of {@link #call}. */
  public static String quoted(String s) {
    StringBuilder out = new StringBuilder();
    Json.quote(s, out);
    return out.toString();
  }

  /** A value written as JSON; sets are built with {@link #set}. */
  public static Value parse(String json) {
    return Json.parse(json);
  }

  /** A number written in decimal, of any size. */
  public static NumberValue number(String text) {
    return NumberValue.parse(text);
  }

  public static NumberValue number(long v) {
    return NumberValue.of(v);
  }

  public static StringValue str(String s) {
    return StringValue.of(s);
  }

  public static SetValue set(Value... elements) {
    return SetValue.of(elements);
  }

  /** Whether OPA's capabilities.json is here to compare declarations with. */
  public static boolean capabilitiesAvailable() {
    return Files.isRegularFile(CAPABILITIES);
  }

  /**
   * Checks that each builtin in the table has the arity and types capabilities.json gives it;
   * returns the names checked (empty when the reference file is absent).
   */
  public List<String> checkAgainstCapabilities() throws IOException {
    if (!capabilitiesAvailable()) {
      return List.of();
    }
    assertThat(capabilityMismatches()).as("declarations that differ from OPA's").isEmpty();
    return table.all().stream().map(Builtin::name).toList();
  }

  /**
   * Each builtin of the table whose declaration differs from capabilities.json (unions compare as
   * sets of alternatives), with both types; the file must be present.
   */
  public List<String> capabilityMismatches() throws IOException {
    ObjectValue caps = (ObjectValue) Json.parse(Files.readString(CAPABILITIES));
    Map<String, Value> decls = new HashMap<>();
    for (Value b : (ArrayValue) caps.get("builtins")) {
      ObjectValue builtin = (ObjectValue) b;
      decls.put(((StringValue) builtin.get("name")).value(), builtin.get("decl"));
    }
    List<String> mismatches = new ArrayList<>();
    for (Builtin b : table.all()) {
      Value decl = decls.get(b.name());
      if (decl == null) {
        mismatches.add(b.name() + " is not an OPA builtin");
        continue;
      }
      if (!CapabilityTypes.matches(b.signature(), decl)) {
        mismatches.add(
            b.name()
                + ": ours "
                + CapabilityTypes.canonical(b.signature())
                + " but OPA "
                + CapabilityTypes.canonical(CapabilityTypes.toType(decl, false)));
      }
    }
    return mismatches;
  }

  /**
   * One evaluation's context: a fixed clock, a memo table, strict errors, printed lines kept, and
   * HTTP access only when given.
   */
  public static final class FixedContext implements BuiltinContext {
    private final Instant now;
    private final Map<Object, Object> cache = new HashMap<>();
    private HttpAccess http = HttpAccess.DISABLED;
    private final List<String> printed = new ArrayList<>();

    /** A context whose clock reads {@link #DEFAULT_NOW}. */
    public FixedContext() {
      this(DEFAULT_NOW);
    }

    public FixedContext(Instant now) {
      this.now = now;
    }

    public FixedContext withHttp(HttpAccess http) {
      this.http = http;
      return this;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memoize(Object key, Function<Object, T> compute) {
      if (cache.containsKey(key)) {
        return (T) cache.get(key);
      }
      T value = compute.apply(key);
      cache.put(key, value);
      return value;
    }

    @Override
    public boolean strictBuiltinErrors() {
      return true;
    }

    @Override
    public HttpAccess http() {
      return http;
    }

    @Override
    public void print(String line) {
      printed.add(line);
    }

    @Override
    public Value runtime() {
      return ObjectValue.EMPTY;
    }

    @Override
    public Map<String, Value> settings() {
      return Map.of();
    }

    @Override
    public void checkBudget() {}
  }
}
