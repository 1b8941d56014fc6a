package io.meshward.policy.builtins.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class AwsBuiltinsTest {

  private static final String AT = "1709294400000000000"; // 2024-03-01T12:00:00Z

  private final BuiltinHarness h = new BuiltinHarness(new AwsBuiltins());

  private static String config(String service, String extra) {
    return "{\"aws_access_key\":\"AKIDEXAMPLE\",\"aws_secret_access_key\":\"wJalrXUtnFEMI\","
        + "\"aws_region\":\""
        + (service.equals("s3") ? "us-east-1" : "eu-west-1")
        + "\","
        + "\"aws_service\":\""
        + service
        + "\""
        + extra
        + "}";
  }

  private static String header(Value signed, String name) {
    return ((ObjectValue) ((ObjectValue) signed).get("headers")).get(name).toJson();
  }

  @Test
  void signatureMatchesCapabilities() throws Exception {
    assertThat(h.checkAgainstCapabilities()).containsExactly("providers.aws.sign_req");
  }

  @Test
  void signsApiRequestsWithSessionTokens() throws Exception {
    Value signed =
        h.call(
            "providers.aws.sign_req",
            "{\"method\":\"POST\",\"url\":\"https://api.mesh.test:8443/v1/peers?b=2&a=1\","
                + "\"headers\":{\"Content-Type\":\"application/json\",\"User-Agent\":\"meshward\"},"
                + "\"body\":{\"peer\":\"p<1>\"}}",
            config("execute-api", ",\"aws_session_token\":\"tok\""),
            AT);
    assertThat(header(signed, "Authorization"))
        .isEqualTo(
            "\"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/eu-west-1/execute-api/aws4_request,"
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"
                + "Signature=ca515f35fa81fc0493c65a0a10f6281387ecd0fe4417028bd27448d666245dce\"");
    assertThat(header(signed, "host")).isEqualTo("\"api.mesh.test:8443\"");
    assertThat(header(signed, "x-amz-date")).isEqualTo("\"20240301T120000Z\"");
    assertThat(header(signed, "x-amz-security-token")).isEqualTo("\"tok\"");
    assertThat(header(signed, "User-Agent")).isEqualTo("\"meshward\"");
    assertThat(((ObjectValue) ((ObjectValue) signed).get("headers")).get("x-amz-content-sha256"))
        .isNull();
    assertThat(((ObjectValue) signed).get("body").toJson()).isEqualTo("{\"peer\":\"p<1>\"}");
  }

  @Test
  void s3RequestsCarryThePayloadHash() throws Exception {
    Value signed =
        h.call(
            "providers.aws.sign_req",
            "{\"method\":\"get\",\"url\":\"https://bucket.s3.amazonaws.com/k%20ey\"}",
            config("s3", ""),
            AT);
    assertThat(header(signed, "Authorization"))
        .endsWith(
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                + "Signature=3443519278f9a9f65d94b8a15e0526bec9c6ae7caee95e4265387e88e7e9507d\"");
    assertThat(header(signed, "x-amz-content-sha256"))
        .isEqualTo("\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"");
    Value unsigned =
        h.call(
            "providers.aws.sign_req",
            "{\"method\":\"get\",\"url\":\"https://bucket.s3.amazonaws.com/k\",\"raw_body\":\"x\"}",
            config("s3", ",\"disable_payload_signing\":true"),
            AT);
    assertThat(header(unsigned, "x-amz-content-sha256")).isEqualTo("\"UNSIGNED-PAYLOAD\"");
  }

  @Test
  void rawBodyWinsOverBody() throws Exception {
    Value both =
        h.call(
            "providers.aws.sign_req",
            "{\"method\":\"put\",\"url\":\"https://b.s3.amazonaws.com/o\",\"raw_body\":\"abc\",\"body\":{\"x\":1}}",
            config("s3", ""),
            AT);
    Value raw =
        h.call(
            "providers.aws.sign_req",
            "{\"method\":\"put\",\"url\":\"https://b.s3.amazonaws.com/o\",\"raw_body\":\"abc\"}",
            config("s3", ""),
            AT);
    assertThat(header(both, "Authorization")).isEqualTo(header(raw, "Authorization"));
    assertThat(header(raw, "x-amz-content-sha256"))
        .isEqualTo("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
  }

  @Test
  void rejectsBadOperandsWithOpaWording() {
    String fn = "providers.aws.sign_req";
    assertThatType(() -> h.call(fn, "{}", config("s3", ""), AT))
        .hasMessage("operand 1 missing required request parameters(s): {\"method\", \"url\"}");
    assertThatType(() -> h.call(fn, "{\"method\":1,\"url\":\"https://x\"}", config("s3", ""), AT))
        .hasMessage("operand 1 invalid values for required request parameters(s): {\"method\"}");
    assertThatType(
            () ->
                h.call(
                    fn,
                    "{\"method\":\"get\",\"url\":\"https://x\"}",
                    "{\"aws_service\":\"s3\"}",
                    AT))
        .hasMessage(
            "operand 2 missing required AWS config parameters(s): "
                + "{\"aws_access_key\", \"aws_region\", \"aws_secret_access_key\"}");
    assertThatType(
            () ->
                h.call(
                    fn,
                    "{\"method\":\"get\",\"url\":\"https://x\"}",
                    config("s3", ",\"disable_payload_signing\":\"yes\""),
                    AT))
        .hasMessage("operand 2 invalid value for 'disable_payload_signing' in AWS config");
    assertThatType(
            () -> h.call(fn, "{\"method\":\"get\",\"url\":\"https://x\"}", config("s3", ""), "-5"))
        .hasMessage("operand 3 could not convert time_ns value into a unix timestamp");
    assertThatType(
            () -> h.call(fn, "{\"method\":\"get\",\"url\":\"https://x\"}", config("s3", ""), "1.5"))
        .hasMessage("operand 3 could not convert time_ns value into a unix timestamp");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      assertThatType(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return Assertions.assertThatThrownBy(call)
        .isInstanceOf(BuiltinException.class)
        .satisfies(e -> assertThat(((BuiltinException) e).code()).isEqualTo("eval_type_error"));
  }
}
