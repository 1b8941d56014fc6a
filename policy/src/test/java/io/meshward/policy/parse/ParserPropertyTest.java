package io.meshward.policy.parse;

import io.meshward.policy.builtins.StandardBuiltins;
import io.meshward.policy.compile.CompileOptions;
import io.meshward.policy.compile.Compiler;
import io.meshward.policy.rego.RegoException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated Rego fed to the parser and compiler ends in a Rego error or a compiled policy,
 * never in any other exception.
 */
class ParserPropertyTest {

  private static final List<String> SEEDS =
      List.of(
          """
          package p
          import rego.v1
          default allow := false
          allow if { some r in input.roles; r == "admin" }
          names contains n if some n in input.names
          obj[k] := v if { some k, v in input.o }
          f(x) := y if { y := x * 2 } else := 0
          xs := [x | some x in [1, 2, 3]; x > 1]
          s := {x | x := input.a[_]}
          o := {k: v | some k, v in {"a": 1}}
          t := $"hello {input.name}"
          e if every x in input.xs { x > 0 }
          n if not input.blocked
          w if allow with input as {"roles": ["admin"]}
          a.b.c := `raw`
          """,
          """
          package q
          # METADATA
          # title: x
          p := 1 + 2 * 3 - 4 / 5 % 6
          q if { x := [1, {"a": {1, 2}}]; x[1].a[1] }
          r := "a", 1 in {"a": 1}
          """);

  private static final List<String> FRAGMENTS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          "(",
          ")",
          "if",
          "else",
          ":=",
          "=",
          "==",
          "|",
          "&",
          ",",
          ";",
          "\n",
          "some",
          "every",
          "in",
          "not",
          "with",
          "as",
          "contains",
          "default",
          "x",
          "_",
          "\"s\"",
          "`r`",
          "1.5e3",
          "-",
          "$\"{",
          "#",
          "input.a",
          "data.p",
          "import",
          "package",
          ".",
          ":");

  @Property(tries = 300)
  void mutatedSourcesOnlyFailWithRegoErrors(@ForAll("mutations") String source) {
    check(source);
  }

  @Property(tries = 200)
  void randomTokenSoupOnlyFailsWithRegoErrors(@ForAll("soup") String source) {
    check("package p\n" + source);
  }

  private static void check(String source) {
    try {
      var module = Parser.parseModule("fuzz.rego", source, ParseOptions.DEFAULT);
      Compiler.compile(List.of(module), StandardBuiltins.table(), CompileOptions.DEFAULT);
    } catch (RegoException expected) {
      // A Rego error with a code is the only acceptable failure.
      if (expected.errors().isEmpty() || expected.first().code().isEmpty()) {
        throw new AssertionError("Rego error without code for: " + source, expected);
      }
    }
  }

  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 1000);
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 12);
    Arbitrary<String> insert =
        Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().ofMaxLength(4));
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
    return Combinators.combine(seed, position, length, insert, kind)
        .as(
            (s, pos, len, ins, k) -> {
              int at = Math.min(pos, s.length());
              int end = Math.min(s.length(), at + len);
              return switch (k) {
                case 0 -> s.substring(0, at) + s.substring(end);
                case 1 -> s.substring(0, at) + ins + s.substring(at);
                default -> s.substring(0, at) + ins + s.substring(end);
              };
            });
  }

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(30).map(parts -> String.join(" ", parts));
  }
}
