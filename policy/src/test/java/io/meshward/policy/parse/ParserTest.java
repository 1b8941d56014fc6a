package io.meshward.policy.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Module;
import io.meshward.policy.ast.Rule;
import io.meshward.policy.ast.Term;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

  private static Module parse(String src) {
    return Parser.parseModule("t.rego", src, ParseOptions.DEFAULT);
  }

  @Test
  void parsesPackageImportsAndRuleKinds() {
    Module m =
        parse(
            """
            package authz.rbac
            import rego.v1
            import data.roles as r

            default allow := false
            allow if input.user == "admin"
            users contains u if some u in input.users
            grants[role] := perms if { some role, perms in r }
            a.b.c := 1
            f(x, y) := x + y
            """);
    assertThat(m.packagePath()).containsExactly("authz", "rbac");
    assertThat(m.imports()).extracting(Module.Import::name).containsExactly("v1", "r");
    List<Rule> rules = m.rules();
    assertThat(rules).hasSize(6);
    assertThat(rules.get(0).isDefault()).isTrue();
    assertThat(rules.get(2).isContains()).isTrue();
    assertThat(rules.get(3).ref().path()).hasSize(1);
    assertThat(rules.get(4).ref().path()).hasSize(2);
    assertThat(rules.get(5).isFunction()).isTrue();
    assertThat(rules.get(5).args()).hasSize(2);
  }

  @Test
  void operatorPrecedenceFollowsOpa() {
    List<Expr> q = Parser.parseQuery("q", "x := 1 + 2 * 3 == 7", ParseOptions.DEFAULT);
    Term.Call assign = (Term.Call) ((Expr.TermExpr) q.get(0).kind()).term();
    assertThat(assign.name()).isEqualTo("assign");
    Term.Call eq = (Term.Call) assign.args().get(1);
    assertThat(eq.name()).isEqualTo("equal");
    Term.Call plus = (Term.Call) eq.args().get(0);
    assertThat(plus.name()).isEqualTo("plus");
    assertThat(((Term.Call) plus.args().get(1)).name()).isEqualTo("mul");
  }

  @Test
  void comprehensionHeadStopsAtBar() {
    List<Expr> q = Parser.parseQuery("q", "xs := [y | y := [1, 2][_]]", ParseOptions.DEFAULT);
    Term.Call assign = (Term.Call) ((Expr.TermExpr) q.get(0).kind()).term();
    assertThat(assign.args().get(1)).isInstanceOf(Term.ArrayCompr.class);
  }

  @Test
  void stringsNumbersAndTemplates() {
    List<Expr> q =
        Parser.parseQuery(
            "q",
            "x := \"a\\u00e9\\n\"; y := `raw\\n`; z := -1.5e3; t := $\"v={x}\"",
            ParseOptions.DEFAULT);
    assertThat(value(q.get(0)))
        .isEqualTo(new Term.Scalar(StringValue.of("aé\n"), value(q.get(0)).loc()));
    assertThat(((Term.Scalar) value(q.get(1))).value()).isEqualTo(StringValue.of("raw\\n"));
    assertThat(((Term.Scalar) value(q.get(2))).value()).isEqualTo(NumberValue.parse("-1500"));
    assertThat(((Term.Call) value(q.get(3))).name()).isEqualTo("internal.template_string");
  }

  @Test
  void keyValueMembershipAndEvery() {
    List<Expr> q =
        Parser.parseQuery(
            "q", "\"a\", 1 in {\"a\": 1}\nevery k, v in input { v > k }", ParseOptions.DEFAULT);
    assertThat(((Term.Call) ((Expr.TermExpr) q.get(0).kind()).term()).name())
        .isEqualTo("internal.member_3");
    assertThat(q.get(1).kind()).isInstanceOf(Expr.Every.class);
  }

  @Test
  void errorsCarryLocationAndCategory() {
    assertThatThrownBy(() -> parse("package p\n\nallow {\n  true\n}\n"))
        .isInstanceOf(RegoException.class)
        .satisfies(
            e -> {
              var err = ((RegoException) e).first();
              assertThat(err.code()).isEqualTo("rego_parse_error");
              assertThat(err.file()).isEqualTo("t.rego");
              assertThat(err.row()).isEqualTo(3);
              assertThat(err.message()).contains("`if` keyword is required");
            });
    assertThatThrownBy(() -> parse("package p\nx := \"unterminated\n"))
        .isInstanceOf(RegoException.class)
        .hasMessageContaining("t.rego:2:6: rego_parse_error");
  }

  @Test
  void keywordsCanBeReferenceHeads() {
    Module m = parse("package p\nelse.foo := 1\np if contains(\"abc\", \"b\")\n");
    assertThat(m.rules()).hasSize(2);
  }

  @Test
  void readsMetadataAnnotations() {
    Module m =
        parse(
            """
            # METADATA
            # description: package doc
            package p

            # METADATA
            # title: Allow admins
            # custom:
            #   id: R-1
            allow if input.admin
            """);
    assertThat(m.packageAnnotations()).hasSize(1);
    Rule allow = m.rules().get(0);
    assertThat(allow.annotations().title()).isEqualTo("Allow admins");
    assertThat(allow.annotations().id()).isEqualTo("R-1");
    assertThat(allow.annotations().scope()).isEqualTo("rule");
  }

  private static Term value(Expr e) {
    Term.Call c = (Term.Call) ((Expr.TermExpr) e.kind()).term();
    return c.args().get(c.args().size() - 1);
  }
}
