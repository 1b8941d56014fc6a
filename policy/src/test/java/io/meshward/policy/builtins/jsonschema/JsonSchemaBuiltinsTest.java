package io.meshward.policy.builtins.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import org.junit.jupiter.api.Test;

class JsonSchemaBuiltinsTest {

  private static final String DEVICE_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "os": {"type": "string", "enum": ["linux", "macos"]},
         "patch": {"type": "integer", "minimum": 1},
         "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2}},
       "required": ["os"],
       "additionalProperties": false}
      """;

  private final BuiltinHarness opa = new BuiltinHarness(new JsonSchemaBuiltins());

  @Test
  void verifySchemaAcceptsObjectsAndJsonText() throws Exception {
    assertThat(opa.json("json.verify_schema", DEVICE_SCHEMA)).isEqualTo("[true,null]");
    assertThat(opa.json("json.verify_schema", "\"{\\\"type\\\": \\\"string\\\"}\""))
        .isEqualTo("[true,null]");
  }

  @Test
  void verifySchemaExplainsUnknownTypes() throws Exception {
    assertThat(opa.json("json.verify_schema", "{\"properties\": {\"a\": {\"type\": \"strin\"}}}"))
        .isEqualTo(
            "[false,\"jsonschema: has a primitive type that is NOT VALID -- given: /strin/"
                + " Expected valid values are:[array boolean integer number null object string]\"]");
  }

  @Test
  void verifySchemaChecksAgainstTheMetaSchema() throws Exception {
    assertThat(opa.call("json.verify_schema", "{\"minLength\": -1}").toJson())
        .startsWith("[false,\"jsonschema: ");
    assertThat(opa.call("json.verify_schema", "\"{not json\"").toJson())
        .startsWith("[false,\"jsonschema: ");
  }

  @Test
  void matchingDocumentHasNoErrors() throws Exception {
    assertThat(opa.json("json.match_schema", "{\"os\": \"linux\", \"patch\": 3}", DEVICE_SCHEMA))
        .isEqualTo("[true,[]]");
    assertThat(opa.json("json.match_schema", "\"{\\\"os\\\": \\\"macos\\\"}\"", DEVICE_SCHEMA))
        .isEqualTo("[true,[]]");
  }

  @Test
  void errorsUseOpasShape() throws Exception {
    assertThat(
            opa.json("json.match_schema", "{\"os\": \"linux\", \"patch\": \"3\"}", DEVICE_SCHEMA))
        .isEqualTo(
            "[false,[{\"desc\":\"Invalid type. Expected: integer, given: string\","
                + "\"error\":\"patch: Invalid type. Expected: integer, given: string\","
                + "\"field\":\"patch\",\"type\":\"invalid_type\"}]]");
    assertThat(opa.json("json.match_schema", "{}", DEVICE_SCHEMA))
        .isEqualTo(
            "[false,[{\"desc\":\"os is required\",\"error\":\"(root): os is required\","
                + "\"field\":\"(root)\",\"type\":\"required\"}]]");
  }

  @Test
  void nestedFieldsAreDotted() throws Exception {
    String result =
        opa.json("json.match_schema", "{\"os\": \"linux\", \"tags\": [\"a\", 2]}", DEVICE_SCHEMA);
    assertThat(result).contains("\"field\":\"tags.1\"", "\"type\":\"invalid_type\"");
  }

  @Test
  void invalidSchemaIsAnError() {
    assertThatThrownBy(() -> opa.call("json.match_schema", "{}", "{\"type\": \"whatever\"}"))
        .isInstanceOf(BuiltinException.class)
        .hasMessageStartingWith("has a primitive type that is NOT VALID -- given: /whatever/");
    assertThatThrownBy(() -> opa.call("json.match_schema", "1", "{}"))
        .hasMessage("operand 1 must be one of {object, string} but got number");
  }

  @Test
  void remoteReferencesAreNeverFetched() {
    String schema = "{\"$ref\": \"http://127.0.0.1:9/never-fetched.json\"}";
    assertThatThrownBy(() -> opa.call("json.match_schema", "{}", schema))
        .isInstanceOf(BuiltinException.class)
        .hasMessageStartingWith("invalid schema:");
  }

  @Test
  void patternsMustBeRe2() throws Exception {
    assertThat(opa.json("json.verify_schema", "{\"pattern\": \"^(?!admin)\"}"))
        .startsWith("[false,\"jsonschema: invalid pattern: error parsing regexp:");
    assertThat(
            opa.json(
                "json.match_schema",
                "{\"id\": \"peer-7\"}",
                "{\"properties\": {\"id\": {\"pattern\": \"^peer-[0-9]+$\"}}}"))
        .isEqualTo("[true,[]]");
    assertThat(
            opa.json(
                "json.match_schema",
                "{\"id\": \"relay\"}",
                "{\"properties\": {\"id\": {\"pattern\": \"^peer-[0-9]+$\"}}}"))
        .contains("\"type\":\"pattern\"", "Does not match pattern '^peer-[0-9]+$'");
  }
}
