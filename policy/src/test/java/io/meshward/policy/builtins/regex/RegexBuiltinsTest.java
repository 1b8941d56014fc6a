package io.meshward.policy.builtins.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RegexBuiltinsTest {

  private final RegexBuiltins family = new RegexBuiltins();
  private final BuiltinHarness opa = new BuiltinHarness(family);

  @Test
  void matchIsUnanchoredSearchWithRe2Syntax() throws Exception {
    assertThat(opa.json("regex.match", "\"^v[0-9]+\\\\.[0-9]+$\"", "\"v1.25\"")).isEqualTo("true");
    assertThat(opa.json("regex.match", "\"b+\"", "\"abbbc\"")).isEqualTo("true");
    assertThat(opa.json("re_match", "\"^x\"", "\"yx\"")).isEqualTo("false");
    assertThat(opa.json("regex.match", "\"\"", "\"anything\"")).isEqualTo("true");
    assertThat(opa.json("regex.match", "\"(?i)HELLO\"", "\"say hello\"")).isEqualTo("true");
  }

  @Test
  void badPatternIsAnErrorInGoWords() {
    assertThatThrownBy(() -> opa.call("regex.match", "\"a[\"", "\"x\""))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("error parsing regexp: missing closing ]: `[`");
    // RE2 has no backreferences or lookaround.
    assertThatThrownBy(() -> opa.call("regex.match", "\"(?=x)\"", "\"x\""))
        .hasMessageStartingWith("error parsing regexp:");
  }

  @Test
  void isValidIsFalseForBadPatternsAndNonStrings() throws Exception {
    assertThat(opa.json("regex.is_valid", "\"[a-z]+\"")).isEqualTo("true");
    assertThat(opa.json("regex.is_valid", "\"*x\"")).isEqualTo("false");
    assertThat(opa.json("regex.is_valid", "42")).isEqualTo("false");
  }

  @Test
  void findAllSkipsEmptyMatchesRightAfterAMatchAsGoDoes() throws Exception {
    assertThat(opa.json("regex.find_n", "\"x*\"", "\"axxb\"", "-1"))
        .isEqualTo("[\"\",\"xx\",\"\"]");
    assertThat(opa.json("regex.find_n", "\"o.\"", "\"foo bor\"", "2")).isEqualTo("[\"oo\",\"or\"]");
    assertThat(opa.json("regex.find_n", "\"o\"", "\"foo\"", "0")).isEqualTo("[]");
    assertThat(opa.json("regex.find_n", "\"^o\"", "\"ooo\"", "-1")).isEqualTo("[\"o\"]");
  }

  @Test
  void findNRejectsFractionalCounts() {
    assertThatThrownBy(() -> opa.call("regex.find_n", "\"o\"", "\"foo\"", "1.5"))
        .hasMessage("operand 3 must be integer number but got floating-point number");
  }

  @Test
  void submatchesGiveEmptyStringsForGroupsThatDidNotTakePart() throws Exception {
    assertThat(
            opa.json("regex.find_all_string_submatch_n", "\"(\\\\d+)(px)?\"", "\"10px 20\"", "-1"))
        .isEqualTo("[[\"10px\",\"10\",\"px\"],[\"20\",\"20\",\"\"]]");
  }

  @Test
  void splitFollowsGoIncludingEdges() throws Exception {
    assertThat(opa.json("regex.split", "\"[,;]\"", "\"a,b;c\"")).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(opa.json("regex.split", "\",\"", "\"\"")).isEqualTo("[\"\"]");
    assertThat(opa.json("regex.split", "\"\"", "\"ab\"")).isEqualTo("[\"a\",\"b\"]");
    assertThat(opa.json("regex.split", "\"x\"", "\"xax\"")).isEqualTo("[\"\",\"a\",\"\"]");
  }

  @Test
  void replaceExpandsGroupsLikeGo() throws Exception {
    assertThat(
            opa.json(
                "regex.replace",
                "\"2024-05-06\"",
                "\"(\\\\d+)-(\\\\d+)-(\\\\d+)\"",
                "\"$3/$2/$1\""))
        .isEqualTo("\"06/05/2024\"");
    assertThat(opa.json("regex.replace", "\"ab\"", "\"(?P<first>a)\"", "\"[${first}]\""))
        .isEqualTo("\"[a]b\"");
    // "$1x" names a group called "1x", which does not exist, so it expands to nothing.
    assertThat(opa.json("regex.replace", "\"ab\"", "\"(a)\"", "\"$1x\"")).isEqualTo("\"b\"");
    assertThat(opa.json("regex.replace", "\"ab\"", "\"a\"", "\"$$\"")).isEqualTo("\"$b\"");
    assertThat(opa.json("regex.replace", "\"abc\"", "\"x*\"", "\"-\"")).isEqualTo("\"-a-b-c-\"");
  }

  @Test
  void templateMatchCompilesDelimitedRegions() throws Exception {
    assertThat(
            opa.json(
                "regex.template_match",
                "\"urn:svc:{[a-z]+}:v{[0-9]+}\"",
                "\"urn:svc:api:v2\"",
                "\"{\"",
                "\"}\""))
        .isEqualTo("true");
    assertThat(
            opa.json(
                "regex.template_match",
                "\"urn:svc:{[a-z]+}\"",
                "\"urn:svc:API\"",
                "\"{\"",
                "\"}\""))
        .isEqualTo("false");
    // Literal text is quoted: the dot must be a dot.
    assertThat(opa.json("regex.template_match", "\"a.b<.*>\"", "\"axb\"", "\"<\"", "\">\""))
        .isEqualTo("false");
    assertThatThrownBy(
            () -> opa.call("regex.template_match", "\"a{b\"", "\"ab\"", "\"{\"", "\"}\""))
        .hasMessage("unbalanced braces in \"a{b\"");
    assertThatThrownBy(() -> opa.call("regex.template_match", "\"a\"", "\"a\"", "\"{{\"", "\"}\""))
        .hasMessage("start delimiter has to be exactly one character long but is 2 long");
  }

  @Test
  void globsMatchDecidesWhetherTwoPatternsShareAString() throws Exception {
    assertThat(opa.json("regex.globs_match", "\"api-[a-z]+\"", "\"api-.*\"")).isEqualTo("true");
    assertThat(opa.json("regex.globs_match", "\"a+\"", "\"b+\"")).isEqualTo("false");
    assertThat(opa.json("regex.globs_match", "\"[0-9]*x\"", "\"12x\"")).isEqualTo("true");
    assertThat(opa.json("regex.globs_match", "\"\\\\.\"", "\"a\"")).isEqualTo("false");
    assertThatThrownBy(() -> opa.call("regex.globs_match", "\"[a-\"", "\"a\""))
        .isInstanceOf(BuiltinException.class);
  }

  @Test
  void compiledPatternsAreSharedSafelyAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String pattern = "\"^peer-" + (i % 7) + "[0-9]*$\"";
        String value = "\"peer-" + (i % 7) + "42\"";
        results.add(pool.submit(() -> opa.json("regex.match", pattern, value)));
      }
      for (Future<String> r : results) {
        assertThat(r.get()).isEqualTo("true");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
