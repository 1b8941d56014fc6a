package io.meshward.policy.builtins.uri;

import io.meshward.policy.builtins.uri.UrlEscaping.EscapeException;
import io.meshward.policy.builtins.uri.UrlEscaping.Mode;

/**
 * A URL split into components the way Go's {@code url.Parse} splits it (RFC 3986 with Go's
 * particular checks), so that {@code uri.parse} agrees with OPA on what is valid and how.
 *
 * @param scheme lower-cased scheme, or empty
 * @param opaque the rest of a URL with a scheme but no leading slash (e.g. {@code mailto:x@y})
 * @param host host and optional port, IPv6 literals in brackets
 * @param path decoded path
 * @param rawPath the original encoded path when it differs from the default encoding of {@code
 *     path}, else empty
 * @param rawQuery the query without '?', still encoded
 * @param fragment decoded fragment
 */
record GoUrl(
    String scheme,
    String opaque,
    String host,
    String path,
    String rawPath,
    String rawQuery,
    String fragment) {

  /** Parsing failed; the message reads like Go's {@code parse "<url>": <reason>}. */
  static final class UrlException extends Exception {
    UrlException(String url, String reason) {
      super("parse " + GoQuote.quote(url) + ": " + reason, null, false, false);
    }
  }

  static GoUrl parse(String raw) throws UrlException {
    int hash = raw.indexOf('#');
    String rest = hash < 0 ? raw : raw.substring(0, hash);
    String fragment = "";
    try {
      GoUrl url = parseWithoutFragment(rest, raw);
      if (hash >= 0) {
        fragment = UrlEscaping.unescape(raw.substring(hash + 1), Mode.FRAGMENT);
      }
      return new GoUrl(
          url.scheme, url.opaque, url.host, url.path, url.rawPath, url.rawQuery, fragment);
    } catch (EscapeException e) {
      throw new UrlException(raw, e.getMessage());
    }
  }

  private static GoUrl parseWithoutFragment(String raw, String whole)
      throws UrlException, EscapeException {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new UrlException(whole, "net/url: invalid control character in URL");
      }
    }
    if (raw.isEmpty()) {
      return new GoUrl("", "", "", "", "", "", "");
    }
    if (raw.equals("*")) {
      return new GoUrl("", "", "", "*", "", "", "");
    }
    String scheme = "";
    String rest = raw;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new UrlException(whole, "missing protocol scheme");
        }
        scheme = raw.substring(0, i).toLowerCase(java.util.Locale.ROOT);
        rest = raw.substring(i + 1);
      }
      break;
    }
    String rawQuery = "";
    if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
      rest = rest.substring(0, rest.length() - 1);
    } else {
      int q = rest.indexOf('?');
      if (q >= 0) {
        rawQuery = rest.substring(q + 1);
        rest = rest.substring(0, q);
      }
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new GoUrl(scheme, rest, "", "", "", rawQuery, "");
      }
      int slash = rest.indexOf('/');
      String segment = slash < 0 ? rest : rest.substring(0, slash);
      if (segment.contains(":")) {
        throw new UrlException(whole, "first path segment in URL cannot contain colon");
      }
    }
    String host = "";
    if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      if (slash >= 0) {
        rest = authority.substring(slash);
        authority = authority.substring(0, slash);
      } else {
        rest = "";
      }
      host = parseAuthority(authority, whole);
    }
    String path = UrlEscaping.unescape(rest, Mode.PATH);
    String rawPath = UrlEscaping.escape(path, Mode.PATH).equals(rest) ? "" : rest;
    return new GoUrl(scheme, "", host, path, rawPath, rawQuery, "");
  }

  private static String parseAuthority(String authority, String whole)
      throws UrlException, EscapeException {
    int at = authority.lastIndexOf('@');
    String host = parseHost(at < 0 ? authority : authority.substring(at + 1), whole);
    if (at >= 0) {
      String userinfo = authority.substring(0, at);
      if (!validUserinfo(userinfo)) {
        throw new UrlException(whole, "net/url: invalid userinfo");
      }
      int colon = userinfo.indexOf(':');
      UrlEscaping.unescape(colon < 0 ? userinfo : userinfo.substring(0, colon), Mode.USER_PASSWORD);
      if (colon >= 0) {
        UrlEscaping.unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD);
      }
    }
    return host;
  }

  private static String parseHost(String host, String whole) throws UrlException, EscapeException {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new UrlException(whole, "missing ']' in host");
      }
      String colonPort = host.substring(close + 1);
      if (!validOptionalPort(colonPort)) {
        throw new UrlException(whole, "invalid port " + GoQuote.quote(colonPort) + " after host");
      }
      int zone = host.substring(0, close).indexOf("%25");
      if (zone >= 0) {
        return UrlEscaping.unescape(host.substring(0, zone), Mode.HOST)
            + UrlEscaping.unescape(host.substring(zone, close), Mode.ZONE)
            + UrlEscaping.unescape(host.substring(close), Mode.HOST);
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        String colonPort = host.substring(colon);
        if (!validOptionalPort(colonPort)) {
          throw new UrlException(whole, "invalid port " + GoQuote.quote(colonPort) + " after host");
        }
      }
    }
    return UrlEscaping.unescape(host, Mode.HOST);
  }

  static boolean validOptionalPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean validUserinfo(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        continue;
      }
      if ("-._:~!$&'()*+,;=%@".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The host without port and without IPv6 brackets. */
  String hostname() {
    String h = splitHost()[0];
    if (h.startsWith("[") && h.endsWith("]")) {
      return h.substring(1, h.length() - 1);
    }
    return h;
  }

  /** The port, or empty. */
  String port() {
    return splitHost()[1];
  }

  private String[] splitHost() {
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && validOptionalPort(host.substring(colon))) {
      return new String[] {host.substring(0, colon), host.substring(colon + 1)};
    }
    return new String[] {host, ""};
  }
}
