package io.meshward.policy.builtins.encoding;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.uri.GoQuote;
import io.meshward.policy.builtins.uri.UrlEscaping;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Byte and text encodings: {@code base64.*}, {@code base64url.*}, {@code hex.*} and {@code
 * urlquery.*}. Strings are treated as their UTF-8 bytes, as Go does; decoded bytes that are not
 * UTF-8 become U+FFFD.
 */
public final class EncodingBuiltins implements BuiltinFamily {

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "base64.encode",
        "(string) -> string",
        (ctx, args) -> StringValue.of(Base64.getEncoder().encodeToString(bytes(args, 0))));
    table.add(
        "base64.decode",
        "(string) -> string",
        (ctx, args) -> base64Text(Args.string(args, 0), false, true));
    table.add(
        "base64.is_valid",
        "(string) -> boolean",
        (ctx, args) -> {
          String s = Args.string(args, 0);
          try {
            GoBase64.decodeStd(s);
            return BooleanValue.TRUE;
          } catch (GoBase64.InvalidBase64Exception e) {
            return BooleanValue.FALSE;
          }
        });
    table.add(
        "base64url.encode",
        "(string) -> string",
        (ctx, args) -> StringValue.of(Base64.getUrlEncoder().encodeToString(bytes(args, 0))));
    table.add(
        "base64url.encode_no_pad",
        "(string) -> string",
        (ctx, args) ->
            StringValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(args, 0))));
    table.add(
        "base64url.decode",
        "(string) -> string",
        (ctx, args) -> {
          String s = Args.string(args, 0);
          // Padded input when the length allows it, unpadded otherwise, as OPA decides.
          return base64Text(s, true, s.length() % 4 == 0);
        });
    table.add(
        "hex.encode",
        "(string) -> string",
        (ctx, args) -> StringValue.of(java.util.HexFormat.of().formatHex(bytes(args, 0))));
    table.add("hex.decode", "(string) -> string", (ctx, args) -> text(hexDecode(bytes(args, 0))));
    table.add(
        "urlquery.encode",
        "(string) -> string",
        (ctx, args) -> StringValue.of(UrlEscaping.queryEscape(Args.string(args, 0))));
    table.add(
        "urlquery.decode",
        "(string) -> string",
        (ctx, args) -> {
          try {
            return StringValue.of(UrlEscaping.queryUnescape(Args.string(args, 0)));
          } catch (UrlEscaping.EscapeException e) {
            throw new BuiltinException(e.getMessage());
          }
        });
    table.add(
        "urlquery.encode_object",
        "(object[string: string|array[string]|set[string]]) -> string",
        (ctx, args) -> StringValue.of(encodeObject(Args.object(args, 0))));
    table.add(
        "urlquery.decode_object",
        "(string) -> object[string: array[string]]",
        (ctx, args) -> decodeObject(Args.string(args, 0)));
  }

  private static byte[] bytes(Value[] args, int index) throws BuiltinException {
    return Args.string(args, index).getBytes(StandardCharsets.UTF_8);
  }

  private static Value base64Text(String s, boolean urlAlphabet, boolean padded)
      throws BuiltinException {
    try {
      return text(GoBase64.decode(s, urlAlphabet, padded));
    } catch (GoBase64.InvalidBase64Exception e) {
      throw new BuiltinException(e.getMessage());
    }
  }

  private static Value text(byte[] bytes) {
    return StringValue.of(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Go's {@code hex.DecodeString}: invalid characters are reported before an odd length. */
  static byte[] hexDecode(byte[] src) throws BuiltinException {
    byte[] out = new byte[src.length / 2];
    int j = 1;
    for (; j < src.length; j += 2) {
      int hi = Character.digit(src[j - 1], 16);
      if (hi < 0 || !isAsciiHex(src[j - 1])) {
        throw invalidHexByte(src, j - 1);
      }
      int lo = Character.digit(src[j], 16);
      if (lo < 0 || !isAsciiHex(src[j])) {
        throw invalidHexByte(src, j);
      }
      out[j / 2] = (byte) (hi << 4 | lo);
    }
    if (src.length % 2 == 1) {
      if (!isAsciiHex(src[j - 1])) {
        throw invalidHexByte(src, j - 1);
      }
      throw new BuiltinException("encoding/hex: odd length hex string");
    }
    return out;
  }

  private static boolean isAsciiHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  private static BuiltinException invalidHexByte(byte[] src, int index) {
    // Go formats the offending byte with %#U: U+0067 'g'.
    int b = src[index] & 0xff;
    String shown = String.format("U+%04X", b);
    if (b >= 0x20 && b < 0x7f) {
      shown += " '" + (char) b + "'";
    } else if (b >= 0xa0) {
      shown += " '" + (char) b + "'";
    }
    return new BuiltinException("encoding/hex: invalid byte: " + shown);
  }

  /** Go's {@code url.Values.Encode}: keys sorted, each value its own {@code key=value} pair. */
  private static String encodeObject(ObjectValue object) throws BuiltinException {
    Map<String, List<String>> values = new TreeMap<>();
    for (Value key : object.keys()) {
      if (!(key instanceof StringValue k)) {
        throw new BuiltinException(
            BuiltinException.Kind.TYPE,
            "operand 1 must be object[string: string|array[string]|set[string]] but got a "
                + key.typeName()
                + " key");
      }
      List<String> list = new ArrayList<>();
      Value v = object.get(key);
      switch (v) {
        case StringValue s -> list.add(s.value());
        case ArrayValue a -> addStrings(a.elements(), list);
        case SetValue s -> addStrings(s.elements(), list);
        default -> throw unsupportedQueryValue(v);
      }
      values.put(k.value(), list);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      String key = UrlEscaping.queryEscape(e.getKey());
      for (String v : e.getValue()) {
        if (!out.isEmpty()) {
          out.append('&');
        }
        out.append(key).append('=').append(UrlEscaping.queryEscape(v));
      }
    }
    return out.toString();
  }

  private static void addStrings(List<Value> elements, List<String> into) throws BuiltinException {
    for (Value e : elements) {
      if (!(e instanceof StringValue s)) {
        throw unsupportedQueryValue(e);
      }
      into.add(s.value());
    }
  }

  private static BuiltinException unsupportedQueryValue(Value v) {
    return new BuiltinException(
        BuiltinException.Kind.TYPE,
        "operand 1 values must be strings, or arrays or sets of strings, but got " + v.typeName());
  }

  /** Go's {@code url.ParseQuery}; the first malformed pair is the error. */
  private static Value decodeObject(String query) throws BuiltinException {
    Map<String, List<Value>> values = new LinkedHashMap<>();
    String firstError = null;
    for (String pair : query.split("&", -1)) {
      if (pair.contains(";")) {
        firstError = firstError == null ? "invalid semicolon separator in query" : firstError;
        continue;
      }
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawKey = eq < 0 ? pair : pair.substring(0, eq);
      String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        String key = UrlEscaping.queryUnescape(rawKey);
        String value = UrlEscaping.queryUnescape(rawValue);
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(StringValue.of(value));
      } catch (UrlEscaping.EscapeException e) {
        firstError = firstError == null ? e.getMessage() : firstError;
      }
    }
    if (firstError != null) {
      throw new BuiltinException(firstError);
    }
    ObjectValue.Builder out = ObjectValue.builder();
    values.forEach((k, v) -> out.put(k, ArrayValue.of(v)));
    return out.build();
  }

  static String quote(String s) {
    return GoQuote.quote(s);
  }
}
