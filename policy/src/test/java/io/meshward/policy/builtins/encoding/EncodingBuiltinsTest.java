package io.meshward.policy.builtins.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import org.junit.jupiter.api.Test;

class EncodingBuiltinsTest {

  private final BuiltinHarness opa = new BuiltinHarness(new EncodingBuiltins());

  @Test
  void base64RoundTripsUtf8() throws Exception {
    assertThat(opa.json("base64.encode", "\"mesh✓\"")).isEqualTo("\"bWVzaOKckw==\"");
    assertThat(opa.json("base64.decode", "\"bWVzaOKckw==\"")).isEqualTo("\"mesh✓\"");
    assertThat(opa.json("base64.encode", "\"\"")).isEqualTo("\"\"");
  }

  @Test
  void base64RequiresPaddingAndReportsTheOffset() {
    assertThatThrownBy(() -> opa.call("base64.decode", "\"bWVzaA\""))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("illegal base64 data at input byte 4");
    assertThatThrownBy(() -> opa.call("base64.decode", "\"bW!z\""))
        .hasMessage("illegal base64 data at input byte 2");
    assertThatThrownBy(() -> opa.call("base64.decode", "\"bWVzaA==bWVz\""))
        .hasMessage("illegal base64 data at input byte 8");
  }

  @Test
  void base64IgnoresLineBreaksAsGoDoes() throws Exception {
    assertThat(opa.json("base64.decode", "\"bWVz\\r\\naA==\\n\"")).isEqualTo("\"mesh\"");
  }

  @Test
  void base64IsValid() throws Exception {
    assertThat(opa.json("base64.is_valid", "\"bWVzaA==\"")).isEqualTo("true");
    assertThat(opa.json("base64.is_valid", "\"bWVzaA\"")).isEqualTo("false");
    assertThat(opa.json("base64.is_valid", "\"a-_b\"")).isEqualTo("false");
  }

  @Test
  void base64UrlUsesTheUrlAlphabetAndAcceptsMissingPadding() throws Exception {
    assertThat(opa.json("base64url.encode", "\"??>\"")).isEqualTo("\"Pz8-\"");
    assertThat(opa.json("base64url.encode", "\"a\"")).isEqualTo("\"YQ==\"");
    assertThat(opa.json("base64url.encode_no_pad", "\"a\"")).isEqualTo("\"YQ\"");
    assertThat(opa.json("base64url.decode", "\"YQ\"")).isEqualTo("\"a\"");
    assertThat(opa.json("base64url.decode", "\"YQ==\"")).isEqualTo("\"a\"");
    assertThat(opa.json("base64url.decode", "\"Pz8-\"")).isEqualTo("\"??>\"");
    assertThatThrownBy(() -> opa.call("base64url.decode", "\"Pz8+\""))
        .hasMessage("illegal base64 data at input byte 3");
    assertThatThrownBy(() -> opa.call("base64url.decode", "\"YQ=\""))
        .isInstanceOf(BuiltinException.class);
  }

  @Test
  void hexEncodesBytesAndReportsBadInputLikeGo() throws Exception {
    assertThat(opa.json("hex.encode", "\"é\"")).isEqualTo("\"c3a9\"");
    assertThat(opa.json("hex.decode", "\"C3A9\"")).isEqualTo("\"é\"");
    assertThatThrownBy(() -> opa.call("hex.decode", "\"0z\""))
        .hasMessage("encoding/hex: invalid byte: U+007A 'z'");
    assertThatThrownBy(() -> opa.call("hex.decode", "\"abc\""))
        .hasMessage("encoding/hex: odd length hex string");
    // Within the last, unpaired character an invalid byte still wins over the odd length.
    assertThatThrownBy(() -> opa.call("hex.decode", "\"abx\""))
        .hasMessage("encoding/hex: invalid byte: U+0078 'x'");
  }

  @Test
  void urlQueryEscapingFollowsGoQueryEscape() throws Exception {
    assertThat(opa.json("urlquery.encode", "\"a b&c=d/é~_.-\""))
        .isEqualTo("\"a+b%26c%3Dd%2F%C3%A9~_.-\"");
    assertThat(opa.json("urlquery.decode", "\"a+b%26c%3dd\"")).isEqualTo("\"a b&c=d\"");
    assertThatThrownBy(() -> opa.call("urlquery.decode", "\"100%\""))
        .hasMessage("invalid URL escape \"%\"");
    assertThatThrownBy(() -> opa.call("urlquery.decode", "\"%G1x\""))
        .hasMessage("invalid URL escape \"%G1\"");
  }

  @Test
  void encodeObjectSortsKeysAndRepeatsMultiValues() throws Exception {
    assertThat(opa.json("urlquery.encode_object", "{\"z\": \"1\", \"a b\": [\"x\", \"y&\"]}"))
        .isEqualTo("\"a+b=x&a+b=y%26&z=1\"");
    assertThat(opa.json("urlquery.encode_object", "{}")).isEqualTo("\"\"");
    assertThatThrownBy(() -> opa.call("urlquery.encode_object", "{\"a\": 1}"))
        .isInstanceOf(BuiltinException.class);
    assertThatThrownBy(() -> opa.call("urlquery.encode_object", "{\"a\": [1]}"))
        .isInstanceOf(BuiltinException.class);
  }

  @Test
  void decodeObjectCollectsValuesPerKey() throws Exception {
    assertThat(opa.json("urlquery.decode_object", "\"a=1&b=x+y&a=2&flag&&c=\""))
        .isEqualTo("{\"a\":[\"1\",\"2\"],\"b\":[\"x y\"],\"c\":[\"\"],\"flag\":[\"\"]}");
    assertThat(opa.json("urlquery.decode_object", "\"\"")).isEqualTo("{}");
    assertThatThrownBy(() -> opa.call("urlquery.decode_object", "\"a=1;b=2\""))
        .hasMessage("invalid semicolon separator in query");
    assertThatThrownBy(() -> opa.call("urlquery.decode_object", "\"a=%zz\""))
        .hasMessage("invalid URL escape \"%zz\"");
  }
}
