package io.meshward.policy.builtins.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.StringValue;
import org.junit.jupiter.api.Test;

class UriBuiltinsTest {

  private final BuiltinHarness opa = new BuiltinHarness(new UriBuiltins());

  private String parse(String uri) throws BuiltinException {
    return opa.callValues("uri.parse", StringValue.of(uri)).toJson();
  }

  private boolean valid(String uri) throws BuiltinException {
    return opa.callValues("uri.is_valid", StringValue.of(uri))
        .equals(io.meshward.policy.value.BooleanValue.TRUE);
  }

  @Test
  void splitsComponentsAndOmitsEmptyOnes() throws Exception {
    assertThat(parse("HTTPS://user:pw@Relay.example:443/a/b?x=1&y=%20#frag%20x"))
        .isEqualTo(
            "{\"fragment\":\"frag x\",\"hostname\":\"Relay.example\",\"path\":\"/a/b\","
                + "\"port\":\"443\",\"raw_path\":\"/a/b\",\"raw_query\":\"x=1&y=%20\",\"scheme\":\"https\"}");
    assertThat(parse("/relative/only"))
        .isEqualTo("{\"path\":\"/relative/only\",\"raw_path\":\"/relative/only\"}");
    assertThat(parse("urn:meshward:peer")).isEqualTo("{\"scheme\":\"urn\"}");
  }

  @Test
  void rawPathKeepsEncodingOnlyWhenItIsNotTheDefault() throws Exception {
    assertThat(parse("http://h/a%2Fb")).contains("\"path\":\"/a/b\"", "\"raw_path\":\"/a%2Fb\"");
    assertThat(parse("http://h/a%20b")).contains("\"path\":\"/a b\"", "\"raw_path\":\"/a b\"");
  }

  @Test
  void ipv6HostsLoseTheirBrackets() throws Exception {
    assertThat(parse("http://[fe80::1%25wg0]:8080/"))
        .contains("\"hostname\":\"fe80::1%wg0\"", "\"port\":\"8080\"");
  }

  @Test
  void rejectsWhatGoRejects() {
    assertThatThrownBy(() -> parse("http://h:80x/"))
        .hasMessage("parse \"http://h:80x/\": invalid port \":80x\" after host");
    assertThatThrownBy(() -> parse("http://h/%zz"))
        .hasMessage("parse \"http://h/%zz\": invalid URL escape \"%zz\"");
    assertThatThrownBy(() -> parse("http://ex%41mple/"))
        .hasMessage("parse \"http://ex%41mple/\": invalid URL escape \"%41\"");
    assertThatThrownBy(() -> parse("http://a b@h/"))
        .hasMessage("parse \"http://a b@h/\": net/url: invalid userinfo");
    assertThatThrownBy(() -> parse("http://h\u0001/"))
        .hasMessage("parse \"http://h\\x01/\": net/url: invalid control character in URL");
    assertThatThrownBy(() -> parse(":nothing"))
        .hasMessage("parse \":nothing\": missing protocol scheme");
    assertThatThrownBy(() -> parse("1seg:ment/x"))
        .hasMessage("parse \"1seg:ment/x\": first path segment in URL cannot contain colon");
    assertThatThrownBy(() -> parse("http://[::1")).isInstanceOf(BuiltinException.class);
  }

  @Test
  void isValidMirrorsParse() throws Exception {
    assertThat(valid("wg://relay.example:51820")).isTrue();
    assertThat(valid("")).isFalse();
    assertThat(valid("http://[::1")).isFalse();
    assertThat(valid("http://h:\u0663/")).isFalse();
    assertThat(opa.json("uri.is_valid", "1")).isEqualTo("false");
  }
}
