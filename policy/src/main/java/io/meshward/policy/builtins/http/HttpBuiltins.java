package io.meshward.policy.builtins.http;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code http.send}: checks the request object as OPA does, then hands it to the host's {@link
 * BuiltinContext.HttpAccess}, which refuses unless the host enabled network access (see {@link
 * JdkHttpAccess}). Identical requests within one evaluation are sent once.
 */
public final class HttpBuiltins implements BuiltinFamily {

  /** The request keys OPA accepts. */
  static final Set<String> ALLOWED_KEYS =
      Set.of(
          "method",
          "url",
          "body",
          "raw_body",
          "headers",
          "enable_redirect",
          "force_json_decode",
          "force_yaml_decode",
          "timeout",
          "raise_error",
          "cache",
          "force_cache",
          "force_cache_duration_seconds",
          "caching_mode",
          "max_retry_attempts",
          "cache_ignored_headers",
          "tls_use_system_certs",
          "tls_ca_cert",
          "tls_ca_cert_file",
          "tls_ca_cert_env_variable",
          "tls_client_cert",
          "tls_client_cert_file",
          "tls_client_cert_env_variable",
          "tls_client_key",
          "tls_client_key_file",
          "tls_client_key_env_variable",
          "tls_insecure_skip_verify",
          "tls_server_name");

  @Override
  public void register(BuiltinTable.Builder table) {
    table.addNondeterministic(
        "http.send", "(object[string: any]) -> object[any: any]", HttpBuiltins::send);
  }

  private static Value send(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ObjectValue request = Args.object(args, 0);
    validate(request);
    Object result =
        ctx.memoize(
            List.of("http.send", request),
            key -> {
              try {
                return ctx.http().send(request);
              } catch (BuiltinException e) {
                return e;
              }
            });
    if (result instanceof BuiltinException e) {
      throw e;
    }
    return (Value) result;
  }

  /** OPA's operand checks: known keys only, and method and url present. */
  static void validate(ObjectValue request) throws BuiltinException {
    List<String> invalid = new ArrayList<>();
    for (Value k : request.keys()) {
      String name = k instanceof StringValue s ? s.value() : k.toJson();
      if (!ALLOWED_KEYS.contains(name)) {
        invalid.add(name);
      }
    }
    if (!invalid.isEmpty()) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "operand 1 invalid request parameters(s): " + setText(invalid));
    }
    List<String> missing = new ArrayList<>();
    for (String k : List.of("method", "url")) {
      if (request.get(k) == null) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw new BuiltinException(
          BuiltinException.Kind.TYPE,
          "operand 1 missing required request parameters(s): " + setText(missing));
    }
  }

  private static String setText(List<String> names) {
    List<String> quoted = new ArrayList<>();
    for (String n : names.stream().sorted().toList()) {
      quoted.add("\"" + n + "\"");
    }
    return "{" + String.join(", ", quoted) + "}";
  }
}
