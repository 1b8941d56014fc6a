package io.meshward.policy.builtins.units;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.NumberValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Quantities with SI and binary suffixes: {@code units.parse("1.5Ki")} and {@code
 * units.parse_bytes("10MiB")}. Amounts may use exponents ({@code 2.5e3K}).
 */
public final class UnitsBuiltins implements BuiltinFamily {

  private static final Pattern AMOUNT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** Larger exponents would only build enormous numbers from a short string. */
  private static final int MAX_EXPONENT = 1000;

  private static final BigDecimal KILO = BigDecimal.valueOf(1000);
  private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

  private static final Map<String, BigDecimal> UNITS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", KILO),
          Map.entry("K", KILO),
          Map.entry("ki", KIBI),
          Map.entry("Ki", KIBI),
          Map.entry("M", KILO.pow(2)),
          Map.entry("mi", KIBI.pow(2)),
          Map.entry("Mi", KIBI.pow(2)),
          Map.entry("g", KILO.pow(3)),
          Map.entry("G", KILO.pow(3)),
          Map.entry("gi", KIBI.pow(3)),
          Map.entry("Gi", KIBI.pow(3)),
          Map.entry("t", KILO.pow(4)),
          Map.entry("T", KILO.pow(4)),
          Map.entry("ti", KIBI.pow(4)),
          Map.entry("Ti", KIBI.pow(4)),
          Map.entry("p", KILO.pow(5)),
          Map.entry("P", KILO.pow(5)),
          Map.entry("pi", KIBI.pow(5)),
          Map.entry("Pi", KIBI.pow(5)),
          Map.entry("e", KILO.pow(6)),
          Map.entry("E", KILO.pow(6)),
          Map.entry("ei", KIBI.pow(6)),
          Map.entry("Ei", KIBI.pow(6)));

  private static final Map<String, BigDecimal> BYTE_UNITS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("k", KILO),
          Map.entry("kb", KILO),
          Map.entry("ki", KIBI),
          Map.entry("kib", KIBI),
          Map.entry("m", KILO.pow(2)),
          Map.entry("mb", KILO.pow(2)),
          Map.entry("mi", KIBI.pow(2)),
          Map.entry("mib", KIBI.pow(2)),
          Map.entry("g", KILO.pow(3)),
          Map.entry("gb", KILO.pow(3)),
          Map.entry("gi", KIBI.pow(3)),
          Map.entry("gib", KIBI.pow(3)),
          Map.entry("t", KILO.pow(4)),
          Map.entry("tb", KILO.pow(4)),
          Map.entry("ti", KIBI.pow(4)),
          Map.entry("tib", KIBI.pow(4)),
          Map.entry("p", KILO.pow(5)),
          Map.entry("pb", KILO.pow(5)),
          Map.entry("pi", KIBI.pow(5)),
          Map.entry("pib", KIBI.pow(5)),
          Map.entry("e", KILO.pow(6)),
          Map.entry("eb", KILO.pow(6)),
          Map.entry("ei", KIBI.pow(6)),
          Map.entry("eib", KIBI.pow(6)));

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "units.parse", "(string) -> number", (ctx, a) -> integralIfWhole(parse(Args.string(a, 0))));
    table.add(
        "units.parse_bytes",
        "(string) -> number",
        (ctx, a) -> NumberValue.of(parseBytes(Args.string(a, 0))));
  }

  /** Whole results are integers ({@code 1.5K} is {@code 1500}), as OPA writes them. */
  private static NumberValue integralIfWhole(BigDecimal value) {
    if (value.scale() != 0 && value.signum() != 0) {
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.scale() <= 0) {
        return NumberValue.of(stripped.toBigIntegerExact());
      }
      return NumberValue.of(stripped);
    }
    return value.signum() == 0 ? NumberValue.ZERO : NumberValue.of(value);
  }

  /** An amount with an SI or binary suffix; {@code m} is milli and {@code M} mega. */
  static BigDecimal parse(String text) throws BuiltinException {
    String[] parts = split(text);
    BigDecimal amount = amount(parts[0], "amount");
    String unit = parts[1];
    // Only the letters after the first are case-insensitive, so 'm' and 'M' stay distinct.
    if (unit.length() > 1) {
      unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
    }
    BigDecimal multiplier = UNITS.get(unit);
    if (multiplier == null) {
      throw new BuiltinException("unit " + parts[1] + " not recognized");
    }
    return amount.multiply(multiplier);
  }

  /** A whole number of bytes (fractions truncated), suffixes case-insensitive. */
  static BigInteger parseBytes(String text) throws BuiltinException {
    String[] parts = split(text);
    BigDecimal amount = amount(parts[0], "byte amount");
    BigDecimal multiplier = BYTE_UNITS.get(parts[1].toLowerCase(Locale.ROOT));
    if (multiplier == null) {
      throw new BuiltinException("byte unit " + parts[1] + " not recognized");
    }
    return amount.multiply(multiplier).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
  }

  /** Splits {@code "2.5e3Ki"} into amount {@code 2.5e3} and unit {@code Ki}, quotes removed. */
  private static String[] split(String text) throws BuiltinException {
    String s = text.replace("\"", "");
    if (s.contains(" ")) {
      throw new BuiltinException("spaces not allowed in resource strings");
    }
    int end = 0;
    while (end < s.length()) {
      char c = s.charAt(end);
      if (Character.isDigit(c) || c == '.' || c == '+' || c == '-') {
        end++;
        continue;
      }
      if ((c == 'e' || c == 'E') && end + 1 < s.length()) {
        char next = s.charAt(end + 1);
        if (Character.isDigit(next) || next == '+' || next == '-') {
          end += 2;
          continue;
        }
      }
      break;
    }
    return new String[] {s.substring(0, end), s.substring(end)};
  }

  private static BigDecimal amount(String number, String what) throws BuiltinException {
    if (number.isEmpty()) {
      throw new BuiltinException("no " + what + " provided");
    }
    if (!AMOUNT.matcher(number).matches()) {
      throw new BuiltinException("could not parse " + what + " to a number");
    }
    int e = Math.max(number.indexOf('e'), number.indexOf('E'));
    if (e >= 0) {
      String exponent = number.substring(e + 1).replace("+", "");
      String digits = exponent.replace("-", "");
      if (digits.length() > 6 || Integer.parseInt(digits) > MAX_EXPONENT) {
        throw new BuiltinException("exponent too large");
      }
    }
    return new BigDecimal(number.startsWith("+") ? number.substring(1) : number);
  }
}
