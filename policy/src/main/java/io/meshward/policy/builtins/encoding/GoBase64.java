package io.meshward.policy.builtins.encoding;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Base64 with the rules of Go's {@code encoding/base64}, shared by the encoding, crypto and JWT
 * families: padded alphabets require padding, unpadded ones refuse it, line breaks are ignored, and
 * errors name the offset as Go does ({@code illegal base64 data at input byte N}).
 */
public final class GoBase64 {

  private GoBase64() {}

  /** Thrown for malformed input; the message is Go's. */
  public static final class InvalidBase64Exception extends Exception {
    InvalidBase64Exception(int position) {
      super("illegal base64 data at input byte " + position, null, false, false);
    }
  }

  /** Go's {@code base64.StdEncoding.DecodeString}. */
  public static byte[] decodeStd(String s) throws InvalidBase64Exception {
    return decode(s, false, true);
  }

  /** Go's {@code base64.URLEncoding.DecodeString} (URL alphabet, padding required). */
  public static byte[] decodeUrl(String s) throws InvalidBase64Exception {
    return decode(s, true, true);
  }

  /** Go's {@code base64.RawURLEncoding.DecodeString}. */
  public static byte[] decodeRawUrl(String s) throws InvalidBase64Exception {
    return decode(s, true, false);
  }

  public static String encodeStd(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  public static String encodeRawUrl(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static int value(char c, boolean url) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == (url ? '-' : '+')) {
      return 62;
    }
    if (c == (url ? '_' : '/')) {
      return 63;
    }
    return -1;
  }

  /** Decodes with the URL or the standard alphabet, padding required or refused. */
  public static byte[] decode(String s, boolean url, boolean padded) throws InvalidBase64Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3 / 4 + 3);
    int si = 0;
    int n = s.length();
    while (true) {
      int[] quantum = new int[4];
      int j = 0;
      while (j < 4) {
        if (si == n) {
          if (j == 0) {
            return out.toByteArray();
          }
          if (j == 1 || padded) {
            throw new InvalidBase64Exception(si - j);
          }
          break;
        }
        char c = s.charAt(si);
        si++;
        if (c == '\n' || c == '\r') {
          continue;
        }
        int v = value(c, url);
        if (v >= 0) {
          quantum[j++] = v;
          continue;
        }
        if (c == '=' && padded) {
          // padding: only at position 2 or 3, and "==" when at 2
          switch (j) {
            case 0, 1 -> throw new InvalidBase64Exception(si - 1);
            case 2 -> {
              while (si < n && (s.charAt(si) == '\n' || s.charAt(si) == '\r')) {
                si++;
              }
              if (si == n) {
                throw new InvalidBase64Exception(n);
              }
              if (s.charAt(si) != '=') {
                throw new InvalidBase64Exception(si - 1);
              }
              si++;
            }
            default -> {}
          }
          while (si < n && (s.charAt(si) == '\n' || s.charAt(si) == '\r')) {
            si++;
          }
          if (si < n) {
            throw new InvalidBase64Exception(si);
          }
          emit(out, quantum, j);
          return out.toByteArray();
        }
        throw new InvalidBase64Exception(si - 1);
      }
      emit(out, quantum, j);
      if (j < 4) {
        return out.toByteArray();
      }
    }
  }

  private static void emit(ByteArrayOutputStream out, int[] q, int count) {
    int bits = (q[0] << 18) | (q[1] << 12) | (q[2] << 6) | q[3];
    out.write(bits >>> 16);
    if (count > 2) {
      out.write((bits >>> 8) & 0xff);
    }
    if (count > 3) {
      out.write(bits & 0xff);
    }
  }
}
