package io.meshward.policy.builtins.uri;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;

/** {@code uri.parse} and {@code uri.is_valid}, with Go's {@code url.Parse} rules. */
public final class UriBuiltins implements BuiltinFamily {

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "uri.is_valid",
        "(string) -> boolean",
        (ctx, args) -> {
          if (!(args[0] instanceof StringValue s) || s.value().isEmpty()) {
            return BooleanValue.FALSE;
          }
          try {
            GoUrl.parse(s.value());
            return BooleanValue.TRUE;
          } catch (GoUrl.UrlException e) {
            return BooleanValue.FALSE;
          }
        });
    table.add(
        "uri.parse",
        "(string) -> object[string: string]",
        (ctx, args) -> {
          GoUrl url;
          try {
            url = GoUrl.parse(Args.string(args, 0));
          } catch (GoUrl.UrlException e) {
            throw new BuiltinException(e.getMessage());
          }
          ObjectValue.Builder out = ObjectValue.builder();
          putIfPresent(out, "scheme", url.scheme());
          putIfPresent(out, "hostname", url.hostname());
          putIfPresent(out, "port", url.port());
          putIfPresent(out, "path", url.path());
          putIfPresent(out, "raw_path", url.rawPath().isEmpty() ? url.path() : url.rawPath());
          putIfPresent(out, "raw_query", url.rawQuery());
          putIfPresent(out, "fragment", url.fragment());
          return out.build();
        });
  }

  private static void putIfPresent(ObjectValue.Builder out, String key, String value) {
    if (!value.isEmpty()) {
      out.put(key, StringValue.of(value));
    }
  }
}
