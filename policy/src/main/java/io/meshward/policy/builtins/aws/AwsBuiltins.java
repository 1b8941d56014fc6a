package io.meshward.policy.builtins.aws;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.encoding.GoJson;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code providers.aws.sign_req}: signs an http.send request object with AWS SigV4. */
public final class AwsBuiltins implements BuiltinFamily {

  private static final List<String> REQUEST_KEYS = List.of("method", "url");
  private static final List<String> CONFIG_KEYS =
      List.of("aws_access_key", "aws_region", "aws_secret_access_key", "aws_service");

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "providers.aws.sign_req",
        "(object[string: any], object[string: any], number) -> object[any: any]",
        AwsBuiltins::signRequest);
  }

  private static Value signRequest(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ObjectValue request = Args.object(args, 0);
    ObjectValue config = Args.object(args, 1);
    NumberValue timeNs = Args.number(args, 2);

    requireStrings(request, REQUEST_KEYS, 1, "request parameters(s)");
    requireStrings(config, CONFIG_KEYS, 2, "AWS config parameters(s)");
    boolean disablePayloadSigning = false;
    Value disable = config.get("disable_payload_signing");
    if (disable != null) {
      if (!(disable instanceof BooleanValue b)) {
        throw operandError(2, "invalid value for 'disable_payload_signing' in AWS config");
      }
      disablePayloadSigning = b.value();
    }
    long ns =
        timeNs
            .longValue()
            .filter(v -> v >= 0)
            .orElseThrow(
                () -> operandError(3, "could not convert time_ns value into a unix timestamp"));
    Instant time = Instant.ofEpochSecond(ns / 1_000_000_000L, ns % 1_000_000_000L);

    String method = ((StringValue) request.get("method")).value();
    String url = ((StringValue) request.get("url")).value();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new BuiltinException(
          "parse " + GoJson.marshal(StringValue.of(url)) + ": " + e.getReason());
    }

    Map<String, String> headers = new LinkedHashMap<>();
    Value headerValue = request.get("headers");
    if (headerValue != null) {
      if (!(headerValue instanceof ObjectValue headerObject)) {
        throw operandError(1, "invalid value for 'headers' in request");
      }
      for (Value k : headerObject.keys()) {
        Value v = headerObject.get(k);
        if (!(k instanceof StringValue name) || !(v instanceof StringValue s)) {
          throw operandError(1, "invalid value for 'headers' in request");
        }
        headers.put(name.value(), s.value());
      }
    }

    byte[] body = new byte[0];
    Value rawBody = request.get("raw_body");
    Value jsonBody = request.get("body");
    if (rawBody != null) {
      if (!(rawBody instanceof StringValue s)) {
        throw operandError(1, "invalid value for 'raw_body' in request");
      }
      body = s.value().getBytes(StandardCharsets.UTF_8);
    } else if (jsonBody != null) {
      body = GoJson.marshal(jsonBody).getBytes(StandardCharsets.UTF_8);
    }

    SigV4Signer.Credentials creds =
        new SigV4Signer.Credentials(
            string(config, "aws_access_key"),
            string(config, "aws_secret_access_key"),
            config.get("aws_session_token") instanceof StringValue t ? t.value() : "",
            string(config, "aws_region"),
            string(config, "aws_service"));
    Map<String, String> signed =
        SigV4Signer.sign(headers, method, uri, body, creds, time, disablePayloadSigning);

    ObjectValue.Builder signedHeaders = ObjectValue.builder();
    signed.forEach((k, v) -> signedHeaders.put(k, StringValue.of(v)));
    return request.with(StringValue.of("headers"), signedHeaders.build());
  }

  private static String string(ObjectValue o, String key) {
    return ((StringValue) o.get(key)).value();
  }

  /** OPA's checks: all keys present, then all of them strings; errors list the offenders. */
  private static void requireStrings(ObjectValue o, List<String> keys, int operand, String what)
      throws BuiltinException {
    List<String> missing = new ArrayList<>();
    for (String k : keys) {
      if (o.get(k) == null) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw operandError(operand, "missing required " + what + ": " + setText(missing));
    }
    List<String> invalid = new ArrayList<>();
    for (String k : keys) {
      if (!(o.get(k) instanceof StringValue)) {
        invalid.add(k);
      }
    }
    if (!invalid.isEmpty()) {
      throw operandError(operand, "invalid values for required " + what + ": " + setText(invalid));
    }
  }

  private static String setText(List<String> names) {
    List<String> quoted = new ArrayList<>();
    for (String n : names.stream().sorted().toList()) {
      quoted.add("\"" + n + "\"");
    }
    return "{" + String.join(", ", quoted) + "}";
  }

  private static BuiltinException operandError(int operand, String message) {
    return new BuiltinException(BuiltinException.Kind.TYPE, "operand " + operand + " " + message);
  }
}
