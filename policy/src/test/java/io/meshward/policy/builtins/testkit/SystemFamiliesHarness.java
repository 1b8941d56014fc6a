package io.meshward.policy.builtins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.types.Type;
import io.meshward.policy.types.TypeSyntax;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * Calls builtins of the time, net, crypto, jwt, http and aws families through a {@link
 * BuiltinTable}, the way the evaluator does: operands as JSON, with a fixed clock.
 */
public final class SystemFamiliesHarness {

  private static final Path CAPABILITIES = Path.of("/work/shared/opa-reference/capabilities.json");

  private final BuiltinTable table;
  private final FixedContext context;

  public SystemFamiliesHarness(BuiltinFamily... families) {
    this(new FixedContext(Instant.parse("2024-03-01T12:00:00.123456789Z")), families);
  }

  public SystemFamiliesHarness(FixedContext context, BuiltinFamily... families) {
    this.table = BuiltinTable.of(List.of(families));
    this.context = context;
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

  public Value callValues(String name, Value... args) throws BuiltinException {
    Builtin builtin =
        table.lookup(name).orElseThrow(() -> new AssertionError("no builtin " + name));
    assertThat(args.length).as("arity of %s", name).isEqualTo(builtin.signature().arity());
    return builtin.function().apply(context, args);
  }

  /** The result as compact JSON. */
  public String json(String name, String... jsonArgs) throws BuiltinException {
    Value v = call(name, jsonArgs);
    return v == null ? null : v.toJson();
  }

  public AbstractThrowableAssert<?, ? extends Throwable> failure(String name, String... jsonArgs) {
    return assertThatThrownBy(() -> call(name, jsonArgs)).isInstanceOf(BuiltinException.class);
  }

  /** JSON string literal for a Java string. */
  public static String str(String s) {
    StringBuilder out = new StringBuilder();
    Json.quote(s, out);
    return out.toString();
  }

  /**
   * Checks that each builtin in the table has the arity and types capabilities.json gives it;
   * returns the names checked (empty when the reference file is absent).
   */
  public List<String> checkAgainstCapabilities() throws IOException {
    List<String> checked = new ArrayList<>();
    if (!Files.exists(CAPABILITIES)) {
      return checked;
    }
    Value caps = Json.parse(Files.readString(CAPABILITIES));
    Map<String, Value> decls = new HashMap<>();
    for (Value b : ((io.meshward.policy.value.ArrayValue) get(caps, "builtins"))) {
      decls.put(((io.meshward.policy.value.StringValue) get(b, "name")).value(), get(b, "decl"));
    }
    for (Builtin b : table.all()) {
      Value decl = decls.get(b.name());
      assertThat(decl).as("capabilities entry for %s", b.name()).isNotNull();
      Type expected = CapabilityTypes.toType(decl);
      assertThat(TypeSyntax.format(b.signature()))
          .as("signature of %s", b.name())
          .isEqualTo(TypeSyntax.format(expected));
      checked.add(b.name());
    }
    return checked;
  }

  static Value get(Value object, String key) {
    return ((io.meshward.policy.value.ObjectValue) object).get(key);
  }

  /** A context with a fixed clock, a HashMap cache and an optional HTTP access. */
  public static final class FixedContext implements BuiltinContext {
    private final Instant now;
    private final Map<Object, Object> cache = new HashMap<>();
    private HttpAccess http = HttpAccess.DISABLED;
    private final List<String> printed = new ArrayList<>();

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
      return io.meshward.policy.value.ObjectValue.EMPTY;
    }

    @Override
    public Map<String, Value> settings() {
      return Map.of();
    }

    @Override
    public void checkBudget() {}
  }
}
