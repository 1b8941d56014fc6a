package io.meshward.policy.builtins.strings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Go's {@code fmt.Sprintf} for the operand kinds OPA's {@code sprintf} passes to it: Go {@code int}
 * ({@link Long}), {@code *big.Int} ({@link BigInteger}), {@code float64} ({@link Double}) and
 * {@code string} ({@link String}). Verbs, flags, widths, precisions and Go's {@code %!verb(type=v)}
 * error notation behave as in Go; hexadecimal float output ({@code %x} on floats) is not supported.
 */
final class GoFormatter {

  private GoFormatter() {}

  /** One directive's flags, width and precision ({@code -1} when absent). */
  private static final class Spec {
    boolean minus;
    boolean plus;
    boolean sharp;
    boolean space;
    boolean zero;
    int width = -1;
    int precision = -1;
  }

  static String format(String format, List<Object> args) {
    StringBuilder out = new StringBuilder(format.length() + 16 * args.size());
    int argIndex = 0;
    int i = 0;
    int n = format.length();
    while (i < n) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      Spec spec = new Spec();
      flags:
      while (i < n) {
        switch (format.charAt(i)) {
          case '-' -> {
            spec.minus = true;
            spec.zero = false;
          }
          case '+' -> spec.plus = true;
          case '#' -> spec.sharp = true;
          case ' ' -> spec.space = true;
          case '0' -> spec.zero = !spec.minus;
          default -> {
            break flags;
          }
        }
        i++;
      }
      // width
      if (i < n && format.charAt(i) == '*') {
        i++;
        Integer w = argIndex < args.size() ? intArg(args.get(argIndex)) : null;
        argIndex++;
        if (w == null) {
          out.append("%!(BADWIDTH)");
        } else {
          spec.width = Math.abs(w);
          if (w < 0) {
            spec.minus = true;
            spec.zero = false;
          }
        }
      } else {
        int start = i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          spec.width = Integer.parseInt(format.substring(start, Math.min(i, start + 7)));
        }
      }
      if (i < n && format.charAt(i) == '.') {
        i++;
        if (i < n && format.charAt(i) == '*') {
          i++;
          Integer p = argIndex < args.size() ? intArg(args.get(argIndex)) : null;
          argIndex++;
          if (p == null || p < 0) {
            out.append("%!(BADPREC)");
          } else {
            spec.precision = p;
          }
        } else {
          int start = i;
          while (i < n && Character.isDigit(format.charAt(i))) {
            i++;
          }
          spec.precision =
              i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 7))) : 0;
        }
      }
      if (i >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argIndex >= args.size()) {
        out.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      formatOne(out, spec, verb, args.get(argIndex++));
    }
    if (argIndex < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argIndex; k < args.size(); k++) {
        if (k > argIndex) {
          out.append(", ");
        }
        Object arg = args.get(k);
        out.append(typeName(arg)).append('=').append(plain(arg));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static Integer intArg(Object arg) {
    if (arg instanceof Long l && Math.abs(l) <= 1_000_000) {
      return l.intValue();
    }
    return null;
  }

  static String typeName(Object arg) {
    return switch (arg) {
      case Long l -> "int";
      case BigInteger b -> "*big.Int";
      case Double d -> "float64";
      default -> "string";
    };
  }

  /** The value as {@code %v} prints it. */
  private static String plain(Object arg) {
    StringBuilder sb = new StringBuilder();
    formatOne(sb, new Spec(), 'v', arg);
    return sb.toString();
  }

  private static void formatOne(StringBuilder out, Spec spec, int verb, Object arg) {
    if (verb == 'T') {
      pad(out, spec, typeName(arg));
      return;
    }
    switch (arg) {
      case Long l -> formatInteger(out, spec, verb, BigInteger.valueOf(l), false);
      case BigInteger b -> formatInteger(out, spec, verb, b, true);
      case Double d -> formatFloat(out, spec, verb, d);
      default -> formatString(out, spec, verb, (String) arg);
    }
  }

  private static void bad(StringBuilder out, int verb, Object arg) {
    out.append("%!").appendCodePoint(verb).append('(');
    // big.Int formats its own bad verbs, naming itself without the pointer star.
    out.append(arg instanceof BigInteger ? "big.Int" : typeName(arg));
    out.append('=').append(plain(arg)).append(')');
  }

  // ---- integers ----

  private static void formatInteger(
      StringBuilder out, Spec spec, int verb, BigInteger value, boolean big) {
    int base;
    String prefix = "";
    boolean upper = false;
    switch (verb) {
      case 'd', 'v' -> base = 10;
      case 's' -> {
        if (!big) {
          bad(out, verb, value.longValue());
          return;
        }
        base = 10;
      }
      case 'b' -> {
        base = 2;
        prefix = spec.sharp ? "0b" : "";
      }
      case 'o' -> {
        base = 8;
        prefix = spec.sharp ? "0" : "";
      }
      case 'O' -> {
        base = 8;
        prefix = "0o";
      }
      case 'x' -> {
        base = 16;
        prefix = spec.sharp ? "0x" : "";
      }
      case 'X' -> {
        base = 16;
        upper = true;
        prefix = spec.sharp ? "0X" : "";
      }
      case 'c', 'q', 'U' -> {
        if (big) {
          bad(out, verb, value);
          return;
        }
        formatRune(out, spec, verb, value.longValue());
        return;
      }
      case 'e', 'E', 'f', 'F', 'g', 'G' -> {
        bad(out, verb, big ? value : (Object) value.longValue());
        return;
      }
      default -> {
        bad(out, verb, big ? value : (Object) value.longValue());
        return;
      }
    }
    String digits = value.abs().toString(base);
    if (upper) {
      digits = digits.toUpperCase(Locale.ROOT);
    }
    if (spec.precision >= 0) {
      if (spec.precision == 0 && value.signum() == 0) {
        digits = "";
      }
      if (digits.length() < spec.precision) {
        digits = "0".repeat(spec.precision - digits.length()) + digits;
      }
    }
    if (verb == 'o' && spec.sharp && digits.startsWith("0")) {
      prefix = "";
    }
    String sign = value.signum() < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    String head = sign + prefix;
    boolean zeroPad = spec.zero && spec.precision < 0 && !spec.minus;
    padNumber(out, spec, head, digits, zeroPad);
  }

  private static void formatRune(StringBuilder out, Spec spec, int verb, long code) {
    int cp =
        code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)
            ? 0xFFFD
            : (int) code;
    switch (verb) {
      case 'c' -> pad(out, spec, new String(Character.toChars(cp)));
      case 'q' -> pad(out, spec, GoQuote.quoteRune(cp));
      default -> {
        String hex = Long.toHexString(code).toUpperCase(Locale.ROOT);
        if (hex.length() < 4) {
          hex = "0".repeat(4 - hex.length()) + hex;
        }
        String s = "U+" + hex;
        if (spec.sharp && cp != 0xFFFD) {
          s += " '" + new String(Character.toChars(cp)) + "'";
        }
        pad(out, spec, s);
      }
    }
  }

  // ---- floats ----

  private static void formatFloat(StringBuilder out, Spec spec, int verb, double value) {
    String body;
    switch (verb) {
      case 'v', 'g', 'G' -> body = formatG(Math.abs(value), spec.precision, spec.sharp);
      case 'e', 'E' -> body = formatE(Math.abs(value), spec.precision < 0 ? 6 : spec.precision);
      case 'f', 'F' -> body = formatF(Math.abs(value), spec.precision < 0 ? 6 : spec.precision);
      default -> {
        bad(out, verb, value);
        return;
      }
    }
    if (verb == 'G' || verb == 'E') {
      body = body.toUpperCase(Locale.ROOT);
    }
    boolean negative = value < 0 || (value == 0 && 1 / value < 0);
    String sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    padNumber(out, spec, sign, body, spec.zero && !spec.minus);
  }

  /** {@code %e}: one digit, a point, {@code precision} digits, and a two-digit exponent or more. */
  static String formatE(double value, int precision) {
    if (value == 0) {
      return (precision > 0 ? "0." + "0".repeat(precision) : "0") + "e+00";
    }
    BigDecimal rounded =
        new BigDecimal(value).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
    String digits = rounded.unscaledValue().toString();
    if (digits.length() < precision + 1) {
      digits = digits + "0".repeat(precision + 1 - digits.length());
    }
    int exponent = rounded.precision() - rounded.scale() - 1;
    return mantissa(digits.substring(0, precision + 1)) + exponent(exponent);
  }

  private static String mantissa(String digits) {
    return digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
  }

  private static String exponent(int exp) {
    String abs = Integer.toString(Math.abs(exp));
    return "e" + (exp < 0 ? "-" : "+") + (abs.length() < 2 ? "0" + abs : abs);
  }

  /** {@code %f}: decimal notation with {@code precision} digits after the point. */
  static String formatF(double value, int precision) {
    return new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  /**
   * {@code %g} and {@code %v}: the shortest representation (or {@code precision} significant
   * digits), in exponent notation when the exponent is below -4 or at least the precision (6 when
   * shortest, as Go decides).
   */
  static String formatG(double value, int precision, boolean sharp) {
    String digits;
    int pointPosition; // the decimal exponent: value = 0.digits * 10^pointPosition
    if (value == 0) {
      digits = "0";
      pointPosition = 1;
    } else {
      BigDecimal decimal =
          precision < 0
              ? new BigDecimal(Double.toString(value))
              : new BigDecimal(value)
                  .round(new MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
      decimal = decimal.stripTrailingZeros();
      digits = decimal.unscaledValue().toString();
      pointPosition = digits.length() - decimal.scale();
    }
    int eprec = precision < 0 ? 6 : Math.max(precision, 1);
    if (precision >= 0 && eprec > digits.length() && digits.length() >= pointPosition) {
      eprec = digits.length();
    }
    if (precision < 0) {
      eprec = 6;
    }
    int exp = pointPosition - 1;
    if (exp < -4 || exp >= eprec) {
      return mantissa(digits) + exponent(exp);
    }
    if (pointPosition <= 0) {
      return "0." + "0".repeat(-pointPosition) + digits;
    }
    if (pointPosition >= digits.length()) {
      return digits + "0".repeat(pointPosition - digits.length());
    }
    return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
  }

  // ---- strings ----

  private static void formatString(StringBuilder out, Spec spec, int verb, String value) {
    switch (verb) {
      case 'v', 's' -> pad(out, spec, truncate(value, spec.precision));
      case 'q' -> pad(out, spec, GoQuote.quote(truncate(value, spec.precision)));
      case 'x', 'X' -> {
        byte[] bytes = truncate(value, spec.precision).getBytes(StandardCharsets.UTF_8);
        StringBuilder hex = new StringBuilder(bytes.length * 3);
        String digits = verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        for (int k = 0; k < bytes.length; k++) {
          if (spec.space && k > 0) {
            hex.append(' ');
          }
          if (spec.sharp && (spec.space || k == 0)) {
            hex.append(verb == 'x' ? "0x" : "0X");
          }
          hex.append(digits.charAt((bytes[k] >> 4) & 0xF)).append(digits.charAt(bytes[k] & 0xF));
        }
        pad(out, spec, hex.toString());
      }
      default -> bad(out, verb, value);
    }
  }

  private static String truncate(String s, int runes) {
    if (runes < 0 || s.codePointCount(0, s.length()) <= runes) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, runes));
  }

  // ---- padding ----

  /** Pads to the width with spaces (or zeros when Go would), counting runes. */
  private static void pad(StringBuilder out, Spec spec, String s) {
    int len = s.codePointCount(0, s.length());
    int fill = spec.width - len;
    if (fill <= 0) {
      out.append(s);
      return;
    }
    if (spec.minus) {
      out.append(s).append(" ".repeat(fill));
    } else {
      out.append((spec.zero ? "0" : " ").repeat(fill)).append(s);
    }
  }

  /** Pads a number, putting zero padding between the sign/prefix and the digits. */
  private static void padNumber(
      StringBuilder out, Spec spec, String head, String digits, boolean zeroPad) {
    int fill = spec.width - head.length() - digits.length();
    if (fill <= 0) {
      out.append(head).append(digits);
    } else if (spec.minus) {
      out.append(head).append(digits).append(" ".repeat(fill));
    } else if (zeroPad) {
      out.append(head).append("0".repeat(fill)).append(digits);
    } else {
      out.append(" ".repeat(fill)).append(head).append(digits);
    }
  }
}
