package io.meshward.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Module;
import io.meshward.policy.ast.Term;
import io.meshward.policy.builtins.StandardBuiltins;
import io.meshward.policy.parse.ParseOptions;
import io.meshward.policy.parse.Parser;
import io.meshward.policy.rego.RegoException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerTest {

  private static CompiledPolicy compile(String... sources) {
    List<Module> modules = new java.util.ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      modules.add(Parser.parseModule("m" + i + ".rego", sources[i], ParseOptions.DEFAULT));
    }
    return Compiler.compile(modules, StandardBuiltins.table(), CompileOptions.DEFAULT);
  }

  private static String code(Runnable r) {
    try {
      r.run();
      return "none";
    } catch (RegoException e) {
      return e.first().code() + ": " + e.first().message();
    }
  }

  @Test
  void reordersBodySoVariablesAreBoundFirst() {
    CompiledPolicy p = compile("package t\np if {\n  x > 1\n  x := input.n\n}\n");
    List<Expr> body = p.ruleSets().get("data.t.p").rules().get(0).body();
    Term.Call first = (Term.Call) ((Expr.TermExpr) body.get(0).kind()).term();
    assertThat(first.name()).isEqualTo("assign");
  }

  @Test
  void reportsUnsafeVariables() {
    assertThat(code(() -> compile("package t\np if { x > 1 }\n")))
        .isEqualTo("rego_unsafe_var_error: var x is unsafe");
    assertThat(code(() -> compile("package t\np := y if { true }\n")))
        .isEqualTo("rego_unsafe_var_error: var y is unsafe");
  }

  @Test
  void reportsRecursion() {
    assertThat(code(() -> compile("package t\np if q\nq if p\n")))
        .startsWith("rego_recursion_error: rule data.t.p is recursive");
  }

  @Test
  void checksBuiltinCalls() {
    assertThat(code(() -> compile("package t\np if nope(1)\n")))
        .isEqualTo("rego_type_error: undefined function nope");
    assertThat(code(() -> compile("package t\np if count(1, 2, 3)\n")))
        .contains("rego_type_error: count: arity mismatch");
    assertThat(code(() -> compile("package t\np if count(1)\n")))
        .contains("rego_type_error: count: invalid argument(s)");
  }

  @Test
  void typeChecksArgumentsWhoseTypesAreCertain() {
    assertThat(code(() -> compile("package t\np if { x := count([1]); startswith(x, \"a\") }\n")))
        .isEqualTo(
            "rego_type_error: startswith: invalid argument(s): operand 1 must be string but got"
                + " number");
    // Values from input are unknown until evaluation: no compile-time error.
    assertThat(code(() -> compile("package t\np if { x := input.n; startswith(x, \"a\") }\n")))
        .isEqualTo("none");
  }

  @Test
  void rejectsReassignment() {
    assertThat(code(() -> compile("package t\np if { x := 1; x := 2 }\n")))
        .isEqualTo("rego_compile_error: var x assigned above");
  }

  @Test
  void rejectsMultipleDefaults() {
    assertThat(code(() -> compile("package t\ndefault p := 1\ndefault p := 2\n")))
        .contains("multiple default rules data.t.p found");
  }

  @Test
  void buildsRuleTreeAcrossModulesAndIndexesLargeRuleSets() {
    StringBuilder src = new StringBuilder("package t\n");
    for (int i = 0; i < 20; i++) {
      src.append("allow if input.group == \"g").append(i).append("\"\n");
    }
    CompiledPolicy p = compile(src.toString(), "package t.sub\nq := 1\n");
    assertThat(p.root().child(io.meshward.policy.value.StringValue.of("t"))).isNotNull();
    RuleSet allow = p.ruleSets().get("data.t.allow");
    assertThat(allow.rules()).hasSize(20);
    assertThat(allow.index()).isNotNull();
    assertThat(allow.index().candidates(ref -> io.meshward.policy.value.StringValue.of("g7")))
        .hasSize(1);
    assertThat(p.ruleSets()).containsKey("data.t.sub.q");
  }

  @Test
  void errorsHaveLocations() {
    assertThatThrownBy(() -> compile("package t\n\np if {\n  undefined_fn(1)\n}\n"))
        .isInstanceOf(RegoException.class)
        .hasMessageContaining("m0.rego:4:3: rego_type_error");
  }
}
