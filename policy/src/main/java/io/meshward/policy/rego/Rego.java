package io.meshward.policy.rego;

import io.meshward.policy.ast.Module;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.StandardBuiltins;
import io.meshward.policy.compile.CompileOptions;
import io.meshward.policy.compile.CompiledPolicy;
import io.meshward.policy.compile.Compiler;
import io.meshward.policy.parse.ParseOptions;
import io.meshward.policy.parse.Parser;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point: collects modules, data and builtins, then parses and compiles them once into a
 * {@link PreparedPolicy}.
 *
 * <pre>{@code
 * PreparedPolicy policy = Rego.builder().module("authz.rego", source).data(data).build();
 * EvalResult r = policy.evaluate("data.authz.allow", EvalOptions.builder().input(input).build());
 * }</pre>
 */
public final class Rego {

  private Rego() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Configures and builds a prepared policy. */
  public static final class Builder {
    private final Map<String, String> modules = new LinkedHashMap<>();
    private Value data = ObjectValue.EMPTY;
    private BuiltinTable builtins = StandardBuiltins.table();
    private boolean strict;
    private ParseOptions parseOptions = ParseOptions.DEFAULT;
    private CompileOptions compileOptions = CompileOptions.DEFAULT;

    /** Adds a module; {@code file} names it in error locations. */
    public Builder module(String file, String source) {
      if (modules.putIfAbsent(file, source) != null) {
        throw new IllegalArgumentException("module added twice: " + file);
      }
      return this;
    }

    /** The base document under {@code data}; must be an object. */
    public Builder data(Value data) {
      if (!(data instanceof ObjectValue)) {
        throw new IllegalArgumentException("data must be a JSON object, got " + data.typeName());
      }
      this.data = data;
      return this;
    }

    public Builder builtins(BuiltinTable builtins) {
      this.builtins = builtins;
      return this;
    }

    /** Default for evaluations that don't choose: whether builtin errors abort evaluation. */
    public Builder strictBuiltinErrors(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Accept OPA's experimental {@code and}/{@code or} keywords. */
    public Builder experimentalKeywords(boolean enabled) {
      this.parseOptions = new ParseOptions(enabled);
      return this;
    }

    public Builder compileOptions(CompileOptions options) {
      this.compileOptions = options;
      return this;
    }

    /**
     * Parses and compiles everything.
     *
     * @throws RegoException listing every parse or compile error
     */
    public PreparedPolicy build() {
      List<Module> parsed = new ArrayList<>();
      List<RegoError> errors = new ArrayList<>();
      modules.forEach(
          (file, source) -> {
            try {
              parsed.add(Parser.parseModule(file, source, parseOptions));
            } catch (RegoException e) {
              errors.addAll(e.errors());
            }
          });
      if (!errors.isEmpty()) {
        throw new RegoException(errors);
      }
      CompiledPolicy compiled = Compiler.compile(parsed, builtins, compileOptions);
      return new PreparedPolicy(compiled, data, strict, parseOptions);
    }
  }
}
