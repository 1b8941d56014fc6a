package io.meshward.policy.builtins.time;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Go's {@code time.ParseDuration}: "1h2m3.5s", "300ms", "-1.5h"; units ns, us, µs, ms, s, m, h. */
public final class GoDuration {

  private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);
  private static final BigInteger MAX = LIMIT.subtract(BigInteger.ONE);

  private GoDuration() {}

  /** The duration in nanoseconds. */
  public static long parse(String text) throws IllegalArgumentException {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigInteger total = BigInteger.ZERO;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        throw invalid(text);
      }
      // integer part
      int start = i;
      BigInteger v = BigInteger.ZERO;
      while (i < s.length() && isDigit(s.charAt(i))) {
        v = v.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i) - '0'));
        if (v.compareTo(LIMIT) > 0) {
          throw invalid(text);
        }
        i++;
      }
      boolean pre = i != start;
      // fraction: digits beyond what fits are ignored, as Go does
      long f = 0;
      double scale = 1;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fractionStart = i;
        boolean overflow = false;
        while (i < s.length() && isDigit(s.charAt(i))) {
          int digit = s.charAt(i) - '0';
          i++;
          if (overflow) {
            continue;
          }
          if (f > (Long.MAX_VALUE) / 10) {
            overflow = true;
            continue;
          }
          long y = f * 10 + digit;
          if (y < 0) {
            overflow = true;
            continue;
          }
          f = y;
          scale *= 10;
        }
        post = i != fractionStart;
      }
      if (!pre && !post) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException(
            "time: missing unit in duration " + GoTimeLayout.quote(text));
      }
      String unitName = s.substring(unitStart, i);
      long unit =
          switch (unitName) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default ->
                throw new IllegalArgumentException(
                    "time: unknown unit "
                        + GoTimeLayout.quote(unitName)
                        + " in duration "
                        + GoTimeLayout.quote(text));
          };
      if (v.compareTo(LIMIT.divide(BigInteger.valueOf(unit))) > 0) {
        throw invalid(text);
      }
      v = v.multiply(BigInteger.valueOf(unit));
      if (f > 0) {
        // Go computes this part in float64 and truncates.
        double part = (double) f * ((double) unit / scale);
        v = v.add(new BigDecimal(part).toBigInteger());
        if (v.compareTo(LIMIT) > 0) {
          throw invalid(text);
        }
      }
      total = total.add(v);
      if (total.compareTo(LIMIT) > 0) {
        throw invalid(text);
      }
    }
    if (negative) {
      return total.negate().longValue();
    }
    if (total.compareTo(MAX) > 0) {
      throw invalid(text);
    }
    return total.longValue();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + GoTimeLayout.quote(text));
  }
}
