package io.meshward.policy.builtins.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.value.Json;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one Go-compatible writer that json.marshal, JWT signing and HTTP bodies share. */
class GoJsonTest {

  @Test
  void escapesHtmlSensitiveCharactersAsGoDoes() {
    assertThat(GoJson.marshal(StringValue.of("<a href=\"x\">&\u2028</a>")))
        .isEqualTo("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u2028\\u003c/a\\u003e\"");
  }

  @Test
  void replacesALoneSurrogateAndKeepsAPair() {
    assertThat(GoJson.marshal(StringValue.of("x\uD800y\uD83D\uDE00")))
        .isEqualTo("\"x\\ufffdy\uD83D\uDE00\"");
  }

  @Test
  void sortsKeysByCodePointAndWritesSetsAsArrays() {
    ObjectValue o =
        ObjectValue.of(
            Map.of(
                StringValue.of("\uFB01"), NumberValue.of(1),
                StringValue.of("\uD83D\uDE00"), NumberValue.of(2),
                StringValue.of("b"), SetValue.of(NumberValue.of(2), NumberValue.of(1))));
    assertThat(GoJson.marshal(o)).isEqualTo("{\"b\":[1,2],\"\uFB01\":1,\"\uD83D\uDE00\":2}");
  }

  @Test
  void indentsAsMarshalIndentWithThePrefixOnEveryLine() {
    assertThat(GoJson.marshalIndent(Json.parse("{\"a\": [1], \"b\": {}}"), ">", "  "))
        .isEqualTo(">{\n>  \"a\": [\n>    1\n>  ],\n>  \"b\": {}\n>}");
  }
}
