package io.meshward.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.EvalResult;
import io.meshward.policy.rego.PreparedPolicy;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.Value;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Evaluation semantics, through the public API so the whole pipeline runs. */
class EvaluatorTest {

  private static PreparedPolicy policy(String src) {
    return Rego.builder().module("t.rego", src).build();
  }

  private static Value eval(PreparedPolicy p, String query, String input) {
    EvalResult r =
        p.evaluate(
            query + " = __x",
            EvalOptions.builder().input(input == null ? null : Json.parse(input)).build());
    assertThat(r.error()).as("error").isNull();
    return r.rows().isEmpty() ? null : r.rows().get(0).bindings().get("__x");
  }

  @Test
  void completeRulesDefaultsAndUndefined() {
    PreparedPolicy p =
        policy(
            """
            package t
            default allow := false
            allow if input.user == "alice"
            maybe if input.missing
            """);
    assertThat(eval(p, "data.t.allow", "{\"user\":\"alice\"}")).isEqualTo(Json.parse("true"));
    assertThat(eval(p, "data.t.allow", "{\"user\":\"bob\"}")).isEqualTo(Json.parse("false"));
    assertThat(eval(p, "data.t.maybe", "{}")).isNull();
  }

  @Test
  void partialSetsObjectsAndRefHeads() {
    PreparedPolicy p =
        policy(
            """
            package t
            names contains n if some n in input.names
            by_len[n] := count(n) if some n in input.names
            a.b[k] contains v if { some k, v in input.pairs }
            """);
    String in = "{\"names\":[\"ab\",\"c\"],\"pairs\":{\"x\":1,\"y\":2}}";
    assertThat(Json.write(eval(p, "data.t.names", in))).isEqualTo("[\"ab\",\"c\"]");
    assertThat(eval(p, "data.t.by_len", in)).isEqualTo(Json.parse("{\"ab\":2,\"c\":1}"));
    assertThat(Json.write(eval(p, "data.t.a", in))).isEqualTo("{\"b\":{\"x\":[1],\"y\":[2]}}");
  }

  @Test
  void functionsElseAndComprehensions() {
    PreparedPolicy p =
        policy(
            """
            package t
            sign(x) := "neg" if x < 0
            else := "zero" if x == 0
            else := "pos"
            squares := [y | some x in [1, 2, 3]; y := x * x]
            evens := {x | some x in numbers.range(1, 6); x % 2 == 0}
            """);
    assertThat(eval(p, "data.t.sign(-3)", null)).isEqualTo(Json.parse("\"neg\""));
    assertThat(eval(p, "data.t.sign(0)", null)).isEqualTo(Json.parse("\"zero\""));
    assertThat(eval(p, "data.t.sign(5)", null)).isEqualTo(Json.parse("\"pos\""));
    assertThat(eval(p, "data.t.squares", null)).isEqualTo(Json.parse("[1,4,9]"));
    assertThat(Json.write(eval(p, "data.t.evens", null))).isEqualTo("[2,4,6]");
  }

  @Test
  void everyNotAndWith() {
    PreparedPolicy p =
        policy(
            """
            package t
            all_small if every x in input.xs { x < 10 }
            none_big if not big
            big if { some x in input.xs; x > 100 }
            mocked := v if v := all_small with input.xs as [1, 50]
            """);
    assertThat(eval(p, "data.t.all_small", "{\"xs\":[1,2]}")).isEqualTo(Json.parse("true"));
    assertThat(eval(p, "data.t.all_small", "{\"xs\":[1,20]}")).isNull();
    assertThat(eval(p, "data.t.none_big", "{\"xs\":[1,20]}")).isEqualTo(Json.parse("true"));
    assertThat(eval(p, "data.t.mocked", "{\"xs\":[1]}")).isNull();
  }

  @Test
  void baseAndVirtualDocumentsMerge() {
    PreparedPolicy p =
        Rego.builder()
            .module("t.rego", "package t\nv := 1\n")
            .data(Json.parse("{\"t\":{\"base\":2}}"))
            .build();
    assertThat(eval(p, "data.t", null)).isEqualTo(Json.parse("{\"base\":2,\"v\":1}"));
  }

  @Test
  void conflictsAreErrors() {
    PreparedPolicy p = policy("package t\np := 1 if true\np := 2 if true\n");
    EvalResult r = p.evaluate("data.t.p", EvalOptions.defaults());
    assertThat(r.error().code()).isEqualTo("eval_conflict_error");
    assertThat(r.error().message()).isEqualTo("complete rules must not produce multiple outputs");
  }

  @Test
  void strictBuiltinErrorsAreSwitchable() {
    PreparedPolicy p = policy("package t\np := x if x := 1 / input.d\n");
    Value in = Json.parse("{\"d\":0}");
    EvalResult lax = p.evaluate("data.t.p", EvalOptions.builder().input(in).build());
    assertThat(lax.isUndefined()).isTrue();
    EvalResult strict =
        p.evaluate("data.t.p", EvalOptions.builder().input(in).strictBuiltinErrors(true).build());
    assertThat(strict.error().code()).isEqualTo("eval_builtin_error");
    assertThat(strict.error().message()).startsWith("div: ");
  }

  @Test
  void runawayPoliciesHitTheBudget() {
    PreparedPolicy p =
        policy(
            "package t\np := count([1 | some a in numbers.range(1, 3000); some b in numbers.range(1, 3000)])\n");
    EvalResult steps = p.evaluate("data.t.p", EvalOptions.builder().stepLimit(10_000).build());
    assertThat(steps.error()).as("rows: " + steps.rows()).isNotNull();
    assertThat(steps.error().code()).isEqualTo("eval_budget_error");
    EvalResult deadline =
        p.evaluate(
            "data.t.p", EvalOptions.builder().stepLimit(0).timeout(Duration.ofMillis(50)).build());
    assertThat(deadline.error().code()).isEqualTo("eval_budget_error");
    assertThat(deadline.error().message()).contains("deadline");
  }

  @Test
  void aBuiltinRunningOutOfTimeAbortsTheEvaluationInsteadOfDroppingADeny() {
    // Non-strict mode turns builtin errors into "undefined"; a deadline must never be one of them,
    // or a deny rule whose body ran out of time would silently vanish.
    PreparedPolicy p =
        policy("package t\ndeny contains \"slow\" if count(numbers.range(1, 9000000)) > 0\n");
    EvalResult r =
        p.evaluate("data.t.deny", EvalOptions.builder().timeout(Duration.ofMillis(1)).build());
    assertThat(r.error()).as("rows: " + r.rows()).isNotNull();
    assertThat(r.error().code()).isEqualTo("eval_budget_error");
  }

  @Test
  void traceRecordsFiredRulesWithMetadata() {
    PreparedPolicy p =
        policy(
            """
            package t
            # METADATA
            # title: Admins may do anything
            # custom:
            #   id: ADMIN-1
            allow if input.admin
            allow if input.owner
            """);
    EvalResult r =
        p.evaluate(
            "data.t.allow",
            EvalOptions.builder().input(Json.parse("{\"admin\":true}")).trace(true).build());
    assertThat(r.trace()).hasSize(1);
    TraceEvent e = r.trace().get(0);
    assertThat(e.rule()).isEqualTo("data.t.allow");
    assertThat(e.id()).isEqualTo("ADMIN-1");
    assertThat(e.title()).isEqualTo("Admins may do anything");
    assertThat(e.location().row()).isEqualTo(6);
  }

  @Test
  void ruleIndexAgreesWithFullEvaluation() {
    StringBuilder src = new StringBuilder("package t\ndefault decision := \"none\"\n");
    for (int i = 0; i < 30; i++) {
      src.append("decision := \"g")
          .append(i)
          .append("\" if { \"g")
          .append(i)
          .append("\" in input.groups; input.port == ")
          .append(i % 3)
          .append(" }\n");
    }
    src.append(
        "decision := \"fallback\" if { input.port == 99 } else := \"else\" if input.kind == \"x\"\n");
    PreparedPolicy indexed = Rego.builder().module("t.rego", src.toString()).build();
    PreparedPolicy plain =
        Rego.builder()
            .module("t.rego", src.toString())
            .compileOptions(new io.meshward.policy.compile.CompileOptions(Integer.MAX_VALUE))
            .build();
    assertThat(indexed.compiled().ruleSets().get("data.t.decision").index()).isNotNull();
    assertThat(plain.compiled().ruleSets().get("data.t.decision").index()).isNull();
    String[] inputs = {
      "{\"groups\": [\"g4\"], \"port\": 1}",
      "{\"groups\": [\"g4\", \"g7\"], \"port\": 2}",
      "{\"groups\": [\"nope\"], \"port\": 1}",
      "{\"groups\": [], \"port\": 99}",
      "{\"groups\": [\"g5\"], \"port\": 0, \"kind\": \"x\"}",
      "{}"
    };
    for (String in : inputs) {
      EvalResult a =
          indexed.evaluate("data.t.decision", EvalOptions.builder().input(Json.parse(in)).build());
      EvalResult b =
          plain.evaluate("data.t.decision", EvalOptions.builder().input(Json.parse(in)).build());
      assertThat(a.rows()).as(in).isEqualTo(b.rows());
      assertThat(a.error()).as(in).isEqualTo(b.error());
    }
  }

  @Test
  void experimentalAndOrKeywords() {
    PreparedPolicy p =
        Rego.builder()
            .experimentalKeywords(true)
            .module(
                "t.rego",
                """
                package t
                p if { input.a == 1 or input.b == 2 }
                q if { input.a == 1 and { x := input.b; x > 1 } }
                """)
            .build();
    assertThat(eval(p, "data.t.p", "{\"a\": 0, \"b\": 2}")).isEqualTo(Json.parse("true"));
    assertThat(eval(p, "data.t.p", "{\"a\": 0, \"b\": 0}")).isNull();
    assertThat(eval(p, "data.t.q", "{\"a\": 1, \"b\": 2}")).isEqualTo(Json.parse("true"));
    assertThat(eval(p, "data.t.q", "{\"a\": 1, \"b\": 1}")).isNull();
  }
}
