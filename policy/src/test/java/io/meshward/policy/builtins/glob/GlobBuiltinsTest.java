package io.meshward.policy.builtins.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import org.junit.jupiter.api.Test;

class GlobBuiltinsTest {

  private final BuiltinHarness opa = new BuiltinHarness(new GlobBuiltins());

  private String match(String glob, String delimiters, String value) throws BuiltinException {
    return opa.json("glob.match", "\"" + glob + "\"", delimiters, "\"" + value + "\"");
  }

  @Test
  void starStopsAtDelimitersButDoubleStarDoesNot() throws Exception {
    assertThat(match("*.corp.example", "[\".\"]", "vpn.corp.example")).isEqualTo("true");
    assertThat(match("*.example", "[\".\"]", "vpn.corp.example")).isEqualTo("false");
    assertThat(match("**.example", "[\".\"]", "vpn.corp.example")).isEqualTo("true");
    assertThat(match("peer/*", "[\"/\"]", "peer/a/b")).isEqualTo("false");
    assertThat(match("peer/**", "[\"/\"]", "peer/a/b")).isEqualTo("true");
  }

  @Test
  void emptyDelimitersMeanTheDefaultDotAndNullMeansNone() throws Exception {
    assertThat(match("*", "[]", "a.b")).isEqualTo("false");
    assertThat(match("*", "null", "a.b")).isEqualTo("true");
    assertThat(match("a?c", "[]", "a.c")).isEqualTo("false");
    assertThat(match("a?c", "null", "a.c")).isEqualTo("true");
  }

  @Test
  void delimiterIsTheFirstCharacterOfEachString() throws Exception {
    assertThat(match("*", "[\":x\", \"-\"]", "ab:c")).isEqualTo("false");
    assertThat(match("*", "[\":x\", \"-\"]", "abx")).isEqualTo("true");
  }

  @Test
  void classesRangesNegationAndAlternatives() throws Exception {
    assertThat(match("[a-c]x", "[]", "bx")).isEqualTo("true");
    assertThat(match("[!a-c]x", "[]", "bx")).isEqualTo("false");
    assertThat(match("[!a-c]x", "[]", "zx")).isEqualTo("true");
    assertThat(match("{prod,stage}-*", "[]", "stage-eu")).isEqualTo("true");
    assertThat(match("{prod,stage}-*", "[]", "dev-eu")).isEqualTo("false");
    assertThat(match("{a,{b,c}d}", "[]", "cd")).isEqualTo("true");
  }

  @Test
  void escapedMetacharactersAreLiteral() throws Exception {
    assertThat(match("a\\\\*", "[]", "a*")).isEqualTo("true");
    assertThat(match("a\\\\*", "[]", "ab")).isEqualTo("false");
    assertThat(match("a.b", "[]", "axb")).isEqualTo("false");
  }

  @Test
  void quoteMetaMakesAnyStringMatchItself() throws Exception {
    String quoted = opa.call("glob.quote_meta", "\"*.{a,b}[x]?\\\\\"").toJson();
    assertThat(quoted).isEqualTo("\"\\\\*.\\\\{a,b\\\\}\\\\[x\\\\]\\\\?\\\\\\\\\"");
    assertThat(opa.json("glob.match", quoted, "null", "\"*.{a,b}[x]?\\\\\"")).isEqualTo("true");
  }

  @Test
  void malformedGlobsAndDelimitersAreErrors() {
    assertThatThrownBy(() -> match("[abc", "[]", "a")).isInstanceOf(BuiltinException.class);
    assertThatThrownBy(() -> match("{a,b", "[]", "a")).isInstanceOf(BuiltinException.class);
    assertThatThrownBy(() -> opa.call("glob.match", "\"*\"", "[1]", "\"a\""))
        .isInstanceOf(BuiltinException.class);
    assertThatThrownBy(() -> opa.call("glob.match", "\"*\"", "\"x\"", "\"a\""))
        .hasMessage("operand 2 must be one of {array, null} but got string");
  }
}
