package io.meshward.policy.builtins.encoding;

import io.meshward.policy.builtins.BuiltinException;
import java.io.ByteArrayOutputStream;

/**
 * Base64 decoding with the rules of Go's {@code encoding/base64}: padded alphabets require padding,
 * unpadded ones reject it, line breaks are ignored, and errors name the offending offset ({@code
 * illegal base64 data at input byte 4}).
 */
final class GoBase64 {

  private static final String STD =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  enum Alphabet {
    STANDARD(STD),
    URL_SAFE(URL);

    private final int[] decode = new int[128];

    Alphabet(String chars) {
      java.util.Arrays.fill(decode, -1);
      for (int i = 0; i < chars.length(); i++) {
        decode[chars.charAt(i)] = i;
      }
    }

    int value(char c) {
      return c < 128 ? decode[c] : -1;
    }
  }

  private GoBase64() {}

  static byte[] decode(String s, Alphabet alphabet, boolean padded) throws BuiltinException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3 / 4);
    int[] quantum = new int[4];
    int filled = 0;
    int quantumStart = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        i++;
        continue;
      }
      if (c == '=' && padded) {
        // Padding may only complete the final quantum: "xx==" or "xxx=".
        if (filled < 2) {
          throw illegal(i);
        }
        int needed = 4 - filled;
        int j = i;
        int seen = 0;
        while (j < s.length() && seen < needed) {
          char p = s.charAt(j);
          if (p == '\n' || p == '\r') {
            j++;
            continue;
          }
          if (p != '=') {
            throw illegal(j);
          }
          seen++;
          j++;
        }
        if (seen < needed) {
          throw illegal(s.length());
        }
        while (j < s.length() && (s.charAt(j) == '\n' || s.charAt(j) == '\r')) {
          j++;
        }
        if (j < s.length()) {
          throw illegal(j);
        }
        flush(out, quantum, filled);
        return out.toByteArray();
      }
      int v = alphabet.value(c);
      if (v < 0) {
        throw illegal(i);
      }
      if (filled == 0) {
        quantumStart = i;
      }
      quantum[filled++] = v;
      if (filled == 4) {
        flush(out, quantum, 4);
        filled = 0;
      }
      i++;
    }
    if (filled > 0) {
      if (padded || filled == 1) {
        throw illegal(padded ? quantumStart : s.length() - 1);
      }
      flush(out, quantum, filled);
    }
    return out.toByteArray();
  }

  private static void flush(ByteArrayOutputStream out, int[] q, int filled) {
    int bits = q[0] << 18 | q[1] << 12 | (filled > 2 ? q[2] << 6 : 0) | (filled > 3 ? q[3] : 0);
    out.write(bits >> 16);
    if (filled > 2) {
      out.write(bits >> 8 & 0xff);
    }
    if (filled > 3) {
      out.write(bits & 0xff);
    }
  }

  private static BuiltinException illegal(int offset) {
    return new BuiltinException("illegal base64 data at input byte " + offset);
  }
}
