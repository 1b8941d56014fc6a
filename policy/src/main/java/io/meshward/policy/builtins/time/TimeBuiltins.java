package io.meshward.policy.builtins.time;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code time.*} builtins: nanosecond timestamps (exact, within Go's int64 range), Go layouts
 * and durations, IANA time zones via java.time.
 */
public final class TimeBuiltins implements BuiltinFamily {

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
  private static final String TIME_OPERAND = "either number (ns) or [number (ns), string (tz)]";
  private static final String[] WEEKDAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };
  private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();
  private static final ConcurrentHashMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();

  @Override
  public void register(BuiltinTable.Builder table) {
    table.addNondeterministic("time.now_ns", "() -> number", (ctx, args) -> nowNanos(ctx));
    table.add("time.parse_ns", "(string, string) -> number", TimeBuiltins::parseNanos);
    table.add("time.parse_rfc3339_ns", "(string) -> number", TimeBuiltins::parseRfc3339);
    table.add("time.parse_duration_ns", "(string) -> number", TimeBuiltins::parseDuration);
    table.add(
        "time.date",
        "(number|[number, string]) -> [number, number, number]",
        (ctx, args) -> {
          ZonedDateTime t = zoned(args[0]).time();
          return ArrayValue.of(
              NumberValue.of(t.getYear()),
              NumberValue.of(t.getMonthValue()),
              NumberValue.of(t.getDayOfMonth()));
        });
    table.add(
        "time.clock",
        "(number|[number, string]) -> [number, number, number]",
        (ctx, args) -> {
          ZonedDateTime t = zoned(args[0]).time();
          return ArrayValue.of(
              NumberValue.of(t.getHour()),
              NumberValue.of(t.getMinute()),
              NumberValue.of(t.getSecond()));
        });
    table.add(
        "time.weekday",
        "(number|[number, string]) -> string",
        (ctx, args) ->
            StringValue.of(WEEKDAYS[zoned(args[0]).time().getDayOfWeek().getValue() % 7]));
    table.add("time.add_date", "(number, number, number, number) -> number", TimeBuiltins::addDate);
    table.add(
        "time.diff",
        "(number|[number, string], number|[number, string]) -> [number, number, number, number,"
            + " number, number]",
        TimeBuiltins::diff);
    table.add(
        "time.format",
        "(number|[number, string]|[number, string, string]) -> string",
        (ctx, args) -> {
          Zoned z = zoned(args[0]);
          return StringValue.of(GoTimeLayout.format(z.time(), z.layout()));
        });
  }

  private static Value nowNanos(BuiltinContext ctx) {
    Instant now = ctx.now();
    return NumberValue.of(
        BigInteger.valueOf(now.getEpochSecond())
            .multiply(NANOS_PER_SECOND)
            .add(BigInteger.valueOf(now.getNano())));
  }

  private static Value parseNanos(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String layout = GoTimeLayout.resolve(Args.string(args, 0));
    String value = Args.string(args, 1);
    return parse(layout, value);
  }

  private static Value parseRfc3339(BuiltinContext ctx, Value[] args) throws BuiltinException {
    return parse(GoTimeLayout.RFC3339, Args.string(args, 0));
  }

  private static Value parse(String layout, String value) throws BuiltinException {
    GoTimeLayout.Parsed parsed;
    try {
      parsed = GoTimeLayout.parse(layout, value);
    } catch (GoTimeLayout.ParseException e) {
      throw new BuiltinException(e.getMessage());
    } catch (DateTimeException e) {
      throw new BuiltinException("parsing time " + GoTimeLayout.quote(value) + ": out of range");
    }
    return safeNanos(parsed.epochSecond(), parsed.nano());
  }

  /** Nanoseconds since the epoch, or OPA's error when they do not fit in an int64. */
  private static Value safeNanos(long epochSecond, int nano) throws BuiltinException {
    BigInteger ns =
        BigInteger.valueOf(epochSecond).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(nano));
    if (ns.compareTo(MIN_NANOS) < 0 || ns.compareTo(MAX_NANOS) > 0) {
      throw new BuiltinException("time outside of valid range");
    }
    return NumberValue.of(ns);
  }

  private static Value parseDuration(BuiltinContext ctx, Value[] args) throws BuiltinException {
    try {
      return NumberValue.of(GoDuration.parse(Args.string(args, 0)));
    } catch (IllegalArgumentException e) {
      throw new BuiltinException(e.getMessage());
    }
  }

  private static Value addDate(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ZonedDateTime t = zoned(args[0]).time();
    int years = Args.integer(args, 1);
    int months = Args.integer(args, 2);
    int days = Args.integer(args, 3);
    // Go's AddDate normalises overflowing months and days (Oct 31 + 1 month = Dec 1) instead of
    // clamping like java.time, so count months from the year start and days from the 1st.
    long totalMonths = (long) t.getYear() * 12 + (t.getMonthValue() - 1) + years * 12L + months;
    long year = Math.floorDiv(totalMonths, 12);
    int month = (int) Math.floorMod(totalMonths, 12) + 1;
    if (year < -1_000_000 || year > 1_000_000) {
      throw new BuiltinException("time outside of valid range");
    }
    LocalDate date =
        LocalDate.of((int) year, month, 1).plusDays((long) t.getDayOfMonth() - 1 + days);
    ZonedDateTime result =
        ZonedDateTime.ofLocal(date.atTime(t.toLocalTime()), t.getZone(), t.getOffset());
    return safeNanos(result.toEpochSecond(), result.getNano());
  }

  private static Value diff(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ZonedDateTime t1 = zoned(args[0]).time();
    ZonedDateTime t2 = zoned(args[1]).time().withZoneSameInstant(t1.getZone());
    if (t1.isAfter(t2)) {
      ZonedDateTime swap = t1;
      t1 = t2;
      t2 = swap;
    }
    int year = t2.getYear() - t1.getYear();
    int month = t2.getMonthValue() - t1.getMonthValue();
    int day = t2.getDayOfMonth() - t1.getDayOfMonth();
    int hour = t2.getHour() - t1.getHour();
    int minute = t2.getMinute() - t1.getMinute();
    int second = t2.getSecond() - t1.getSecond();
    if (second < 0) {
      second += 60;
      minute--;
    }
    if (minute < 0) {
      minute += 60;
      hour--;
    }
    if (hour < 0) {
      hour += 24;
      day--;
    }
    if (day < 0) {
      day += t1.toLocalDate().lengthOfMonth();
      month--;
    }
    if (month < 0) {
      month += 12;
      year--;
    }
    return ArrayValue.of(
        NumberValue.of(year),
        NumberValue.of(month),
        NumberValue.of(day),
        NumberValue.of(hour),
        NumberValue.of(minute),
        NumberValue.of(second));
  }

  /** A timestamp operand in its zone, with the layout a three-element array may carry. */
  private record Zoned(ZonedDateTime time, String layout) {}

  private static Zoned zoned(Value operand) throws BuiltinException {
    Value nanos;
    ZoneId zone = ZoneOffset.UTC;
    String layout = GoTimeLayout.RFC3339_NANO;
    switch (operand) {
      case ArrayValue a -> {
        if (a.isEmpty()) {
          throw Args.typeError(0, operand, TIME_OPERAND);
        }
        nanos = a.get(0);
        if (!(nanos instanceof NumberValue)) {
          throw Args.typeError(0, nanos, "number");
        }
        if (a.size() > 1) {
          if (!(a.get(1) instanceof StringValue tz)) {
            throw Args.typeError(0, a.get(1), "string");
          }
          zone = zone(tz.value());
        }
        if (a.size() > 2) {
          if (!(a.get(2) instanceof StringValue l)) {
            throw Args.typeError(0, a.get(2), "string");
          }
          layout = GoTimeLayout.resolve(l.value());
        }
      }
      case NumberValue n -> nanos = n;
      default -> throw Args.typeError(0, operand, TIME_OPERAND);
    }
    BigDecimal value = ((NumberValue) nanos).bigDecimalValue();
    long ns;
    try {
      ns = value.longValueExact();
    } catch (ArithmeticException e) {
      // OPA converts through a float and requires an exact int64.
      throw new BuiltinException("timestamp too big");
    }
    Instant instant =
        Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    return new Zoned(ZonedDateTime.ofInstant(instant, zone), layout);
  }

  /** Go's time zone names: "" and "UTC" are UTC, "Local" the host's zone, else IANA names. */
  static ZoneId zone(String name) throws BuiltinException {
    switch (name) {
      case "", "UTC" -> {
        return ZoneOffset.UTC;
      }
      case "Local" -> {
        return ZoneId.systemDefault();
      }
      default -> {
        ZoneId cached = ZONES.get(name);
        if (cached != null) {
          return cached;
        }
        if (!ZONE_IDS.contains(name)) {
          throw new BuiltinException("unknown time zone " + name);
        }
        ZoneId zone = ZoneId.of(name);
        ZONES.putIfAbsent(name, zone);
        return zone;
      }
    }
  }
}
