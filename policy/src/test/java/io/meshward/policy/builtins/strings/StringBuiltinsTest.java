package io.meshward.policy.builtins.strings;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.number;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.set;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.BooleanValue;
import org.junit.jupiter.api.Test;

class StringBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void positionsCountRunesNotUtf16Units() throws Exception {
    String s = "\uD83D\uDE00a\u00e9b"; // emoji (two UTF-16 units), a, é, b
    assertThat(opa.callValues("indexof", str(s), str("b"))).isEqualTo(number("3"));
    assertThat(opa.callValues("indexof", str(s), str("zz"))).isEqualTo(number("-1"));
    assertThat(opa.callValues("substring", str(s), number("1"), number("2")))
        .isEqualTo(str("a\u00e9"));
    assertThat(opa.callValues("substring", str(s), number("0"), number("1")))
        .isEqualTo(str("\uD83D\uDE00"));
    assertThat(opa.callValues("substring", str(s), number("2"), number("-1")))
        .isEqualTo(str("\u00e9b"));
    assertThat(opa.callValues("substring", str(s), number("9"), number("1"))).isEqualTo(str(""));
    assertThatThrownBy(() -> opa.callValues("substring", str(s), number("-1"), number("1")))
        .hasMessage("negative offset");
    assertThat(opa.callValues("strings.reverse", str(s))).isEqualTo(str("b\u00e9a\uD83D\uDE00"));
  }

  @Test
  void indexOfAllFindsOverlappingMatches() throws Exception {
    assertThat(opa.callValues("indexof_n", str("aaaa"), str("aa"))).isEqualTo(parse("[0,1,2]"));
    assertThat(opa.callValues("indexof_n", str("\u00e9x\u00e9x"), str("x")))
        .isEqualTo(parse("[1,3]"));
    assertThat(opa.callValues("indexof_n", str("abc"), str("z"))).isEqualTo(parse("[]"));
  }

  @Test
  void splittingFollowsGo() throws Exception {
    assertThat(opa.callValues("split", str("a,b,,c"), str(",")))
        .isEqualTo(parse("[\"a\",\"b\",\"\",\"c\"]"));
    assertThat(opa.callValues("split", str(""), str(","))).isEqualTo(parse("[\"\"]"));
    assertThat(opa.callValues("split", str("h\u00e9"), str("")))
        .isEqualTo(parse("[\"h\",\"\u00e9\"]"));
    assertThat(opa.callValues("split", str(""), str(""))).isEqualTo(parse("[]"));
    assertThat(opa.callValues("strings.split_n", str("k=v=w=x"), str("="), number("3")))
        .isEqualTo(parse("[\"k\",\"v\",\"w\"]"));
    assertThat(opa.callValues("strings.split_n", str("k=v=w=x"), str("="), number("-3")))
        .isEqualTo(parse("[\"v\",\"w\",\"x\"]"));
    assertThat(opa.callValues("strings.split_n", str("k=v"), str("="), number("0")))
        .isEqualTo(parse("[]"));
    assertThat(
            opa.callValues("strings.split_n", str("k=v"), str("="), number("99999999999999999999")))
        .isEqualTo(parse("[\"k\",\"v\"]"));
    assertThatThrownBy(() -> opa.callValues("strings.split_n", str("a"), str("="), number("1.5")))
        .hasMessage("operand 3 must be integer number but got floating-point number");
  }

  @Test
  void replacing() throws Exception {
    assertThat(opa.callValues("replace", str("a.b.c"), str("."), str("::")))
        .isEqualTo(str("a::b::c"));
    assertThat(opa.callValues("replace", str("ab"), str(""), str("-"))).isEqualTo(str("-a-b-"));
    assertThat(opa.callValues("replace", str("xxx"), str("xx"), str("y"))).isEqualTo(str("yx"));
    assertThat(
            opa.callValues(
                "strings.replace_n",
                parse("{\"ab\": \"1\", \"a\": \"2\", \"b\": \"3\"}"),
                str("abba")))
        .isEqualTo(str("2332")); // at one position the first key in order wins
    assertThat(opa.callValues("strings.replace_n", parse("{\"cat\": \"dog\"}"), str("dog")))
        .isEqualTo(str("dog"));
    assertThatThrownBy(() -> opa.callValues("strings.replace_n", parse("{\"a\": 1}"), str("a")))
        .hasMessage("operand 1 non-string value found in pattern object");
    assertThatThrownBy(
            () -> opa.callValues("strings.replace_n", parse("{\"a\": \"b\"}"), number("1")))
        .hasMessage("operand 2 must be string but got number");
  }

  @Test
  void trimming() throws Exception {
    assertThat(opa.callValues("trim", str("xx-yx-xx"), str("x-"))).isEqualTo(str("y"));
    assertThat(opa.callValues("trim", str("xx-yz-xx"), str("x-"))).isEqualTo(str("yz"));
    assertThat(opa.callValues("trim_left", str("  a "), str(" "))).isEqualTo(str("a "));
    assertThat(opa.callValues("trim_right", str("  a "), str(" "))).isEqualTo(str("  a"));
    assertThat(opa.callValues("trim", str("abc"), str(""))).isEqualTo(str("abc"));
    assertThat(opa.callValues("trim_prefix", str("prefix-x"), str("prefix-"))).isEqualTo(str("x"));
    assertThat(opa.callValues("trim_prefix", str("x"), str("prefix-"))).isEqualTo(str("x"));
    assertThat(opa.callValues("trim_suffix", str("a.rego"), str(".rego"))).isEqualTo(str("a"));
    // Go counts NBSP and EM SPACE as white space, but not the ASCII separator U+001C.
    assertThat(opa.callValues("trim_space", str("\u00a0\u2003 a\tb\n\u000b")))
        .isEqualTo(str("a\tb"));
    assertThat(opa.callValues("trim_space", str("\u001ca\u001c"))).isEqualTo(str("\u001ca\u001c"));
  }

  @Test
  void caseMappingIsPerRune() throws Exception {
    assertThat(opa.callValues("upper", str("stra\u00dfe \u00e9")))
        .isEqualTo(str("STRA\u00dfE \u00c9"));
    assertThat(opa.callValues("lower", str("\u0130STANBUL \u03a3\u03a3")))
        .isEqualTo(str("istanbul \u03c3\u03c3"));
  }

  @Test
  void predicatesAndCounting() throws Exception {
    assertThat(opa.callValues("contains", str("peer-list"), str("r-l")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("startswith", str("wg0"), str("wg"))).isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("endswith", str("wg0"), str("wg"))).isEqualTo(BooleanValue.FALSE);
    assertThat(opa.callValues("strings.count", str("banana"), str("ana"))).isEqualTo(number("1"));
    assertThat(opa.callValues("strings.count", str("h\u00e9"), str(""))).isEqualTo(number("3"));
    assertThat(opa.callValues("concat", str(", "), parse("[\"a\",\"b\"]"))).isEqualTo(str("a, b"));
    assertThat(opa.callValues("concat", str("/"), set(str("z"), str("y")))).isEqualTo(str("y/z"));
    assertThatThrownBy(() -> opa.callValues("concat", str("/"), parse("[\"a\", 1]")))
        .hasMessage("operand 2 must be array of strings but got array containing number");
  }

  @Test
  void anyPrefixAndSuffixMatch() throws Exception {
    assertThat(
            opa.callValues("strings.any_prefix_match", parse("[\"/api/v1\", \"/x\"]"), str("/api")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(
            opa.callValues(
                "strings.any_suffix_match", str("host.corp"), set(str(".lan"), str(".corp"))))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("strings.any_prefix_match", parse("[]"), str("a")))
        .isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> opa.callValues("strings.any_prefix_match", number("1"), str("a")))
        .hasMessage("operand 1 must be one of {string, set, array} but got number");
    assertThatThrownBy(
            () -> opa.callValues("strings.any_suffix_match", str("a"), parse("[\"a\", 2]")))
        .hasMessage("operand 2 must be array of strings but got array containing number");
  }

  private String sprintf(String format, String argsJson) throws BuiltinException {
    return ((io.meshward.policy.value.StringValue)
            opa.callValues("sprintf", str(format), parse(argsJson)))
        .value();
  }

  @Test
  void sprintfFormatsLikeGo() throws Exception {
    assertThat(sprintf("%5.1f|%-6d|%+d", "[3.14159, 42, 5]")).isEqualTo("  3.1|42    |+5");
    assertThat(sprintf("%x %#x %X %o %b %08.3f", "[255, 255, -255, 8, 5, -3.14159]"))
        .isEqualTo("ff 0xff -FF 10 101 -003.142");
    assertThat(sprintf("%e|%E|%g|%g|%G", "[123456.789, 1234.5, 1e-7, 100000.0, 1e-10]"))
        .isEqualTo("1.234568e+05|1.234500E+03|1e-07|100000|1E-10");
    assertThat(sprintf("%.3g|%.3g|%.10g", "[1234.5678, 0.0001234, 1.5]"))
        .isEqualTo("1.23e+03|0.000123|1.5");
    assertThat(sprintf("%.2f|%.0f|%.0f|%.0f", "[2.675, 0.5, 1.5, 2.5]")).isEqualTo("2.67|0|2|2");
    assertThat(sprintf("%v|%v|%v", "[0.000001, 1234567.5, 3.25]"))
        .isEqualTo("1e-06|1.2345675e+06|3.25");
    assertThat(sprintf("%.3s|%5s|%-5s|%05d", "[\"abcdef\", \"ab\", \"ab\", -42]"))
        .isEqualTo("abc|   ab|ab   |-0042");
    assertThat(sprintf("%q|%x|%c|%U", "[\"hi\\n\\\"\", \"hi\", 65, 128512]"))
        .isEqualTo("\"hi\\n\\\"\"|6869|A|U+1F600");
    assertThat(sprintf("%T %T %T %T", "[1, 1.5, \"s\", 36893488147419103232]"))
        .isEqualTo("int float64 string *big.Int");
    assertThat(sprintf("%6.2f%%", "[12.3456]")).isEqualTo(" 12.35%");
    assertThat(sprintf("%*d|%-*d|", "[4, 7, 3, 1]")).isEqualTo("   7|1  |");
  }

  @Test
  void sprintfShowsGoErrorsInline() throws Exception {
    assertThat(sprintf("%d", "[\"x\"]")).isEqualTo("%!d(string=x)");
    assertThat(sprintf("%s", "[1]")).isEqualTo("%!s(int=1)");
    assertThat(sprintf("%d %d", "[1]")).isEqualTo("1 %!d(MISSING)");
    assertThat(sprintf("a", "[1, \"b\"]")).isEqualTo("a%!(EXTRA int=1, string=b)");
    assertThat(sprintf("%z", "[1.5]")).isEqualTo("%!z(float64=1.5)");
    assertThat(sprintf("%t", "[true]")).isEqualTo("%!t(string=true)");
    assertThat(sprintf("100%", "[]")).isEqualTo("100%!(NOVERB)");
  }

  @Test
  void sprintfShowsValuesAsRego() throws Exception {
    assertThat(sprintf("%v", "[[\"a\", 1, 2.5, null, true]]"))
        .isEqualTo("[\"a\", 1, 2.5, null, true]");
    assertThat(sprintf("%s", "[{\"k\": {\"x\": [1]}}]")).isEqualTo("{\"k\": {\"x\": [1]}}");
    assertThat(
            opa.callValues(
                "sprintf",
                str("%v %v"),
                io.meshward.policy.value.ArrayValue.of(set(), set(number("2"), number("1")))))
        .isEqualTo(str("set() {1, 2}"));
    assertThat(sprintf("%v %s %d %x", "[true, null, 36893488147419103232, 36893488147419103232]"))
        .isEqualTo("true null 36893488147419103232 20000000000000000");
    assertThat(sprintf("%v", "[2e400]")).isEqualTo("2e400");
    assertThat(sprintf("%d", "[1e3]")).isEqualTo("%!d(float64=1000)");
    assertThatThrownBy(() -> opa.callValues("sprintf", str("%v"), str("x")))
        .hasMessage("operand 2 must be array but got string");
  }
}
