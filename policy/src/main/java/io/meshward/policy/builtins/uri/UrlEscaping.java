package io.meshward.policy.builtins.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as Go's {@code net/url} does it, per URL component. Works on UTF-8 bytes, as Go
 * strings are bytes.
 */
public final class UrlEscaping {

  /** The URL component being encoded, which decides which characters are escaped. */
  public enum Mode {
    PATH,
    PATH_SEGMENT,
    HOST,
    ZONE,
    USER_PASSWORD,
    QUERY_COMPONENT,
    FRAGMENT
  }

  /** Malformed input; the message is Go's, e.g. {@code invalid URL escape "%zz"}. */
  public static final class EscapeException extends Exception {
    public EscapeException(String message) {
      super(message, null, false, false);
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlEscaping() {}

  /** Go's {@code url.QueryEscape}. */
  public static String queryEscape(String s) {
    return escape(s, Mode.QUERY_COMPONENT);
  }

  /** Go's {@code url.QueryUnescape}. */
  public static String queryUnescape(String s) throws EscapeException {
    return unescape(s, Mode.QUERY_COMPONENT);
  }

  public static String escape(String s, Mode mode) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (shouldEscape(c, mode)) {
        if (c == ' ' && mode == Mode.QUERY_COMPONENT) {
          out.append('+');
        } else {
          out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
        }
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  public static String unescape(String s, Mode mode) throws EscapeException {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      int c = in[i] & 0xff;
      if (c == '%') {
        if (i + 2 >= in.length || !isHex(in[i + 1]) || !isHex(in[i + 2])) {
          int end = Math.min(in.length, i + 3);
          throw invalidEscape(new String(in, i, end - i, StandardCharsets.UTF_8));
        }
        String escape = new String(in, i, 3, StandardCharsets.UTF_8);
        // In a host, escapes may encode only non-ASCII bytes (and %25 for zone identifiers).
        if (mode == Mode.HOST && unhex(in[i + 1]) < 8 && !escape.equals("%25")) {
          throw invalidEscape(escape);
        }
        if (mode == Mode.ZONE) {
          int v = unhex(in[i + 1]) << 4 | unhex(in[i + 2]);
          if (!escape.equals("%25") && v != ' ' && shouldEscape(v, Mode.HOST)) {
            throw invalidEscape(escape);
          }
        }
        i += 2;
      } else if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
        throw new EscapeException(
            "invalid character " + GoQuote.quote(String.valueOf((char) c)) + " in host name");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      int c = in[i] & 0xff;
      if (c == '%') {
        out.write(unhex(in[i + 1]) << 4 | unhex(in[i + 2]));
        i += 2;
      } else if (c == '+' && mode == Mode.QUERY_COMPONENT) {
        out.write(' ');
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static EscapeException invalidEscape(String escape) {
    return new EscapeException("invalid URL escape " + GoQuote.quote(escape));
  }

  static boolean shouldEscape(int c, Mode mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    if (mode == Mode.HOST || mode == Mode.ZONE) {
      switch (c) {
        case '!',
            '$',
            '&',
            '\'',
            '(',
            ')',
            '*',
            '+',
            ',',
            ';',
            '=',
            ':',
            '[',
            ']',
            '<',
            '>',
            '"' -> {
          return false;
        }
        default -> {}
      }
    }
    switch (c) {
      case '-', '_', '.', '~' -> {
        return false;
      }
      case '$', '&', '+', ',', '/', ':', ';', '=', '?', '@' -> {
        return switch (mode) {
          case PATH -> c == '?';
          case PATH_SEGMENT -> c == '/' || c == ';' || c == ',' || c == '?';
          case USER_PASSWORD -> c == '@' || c == '/' || c == '?' || c == ':';
          case QUERY_COMPONENT -> true;
          case FRAGMENT -> false;
          default -> true;
        };
      }
      default -> {}
    }
    if (mode == Mode.FRAGMENT) {
      switch (c) {
        case '!', '(', ')', '*' -> {
          return false;
        }
        default -> {}
      }
    }
    return true;
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  private static int unhex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return b - 'A' + 10;
  }
}
