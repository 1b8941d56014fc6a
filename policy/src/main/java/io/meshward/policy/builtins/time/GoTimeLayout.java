package io.meshward.policy.builtins.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Go's reference-time layouts ("Mon Jan 2 15:04:05 MST 2006") translated to java.time, for parsing
 * and formatting exactly as Go's {@code time.Parse} and {@code Time.Format} do.
 */
final class GoTimeLayout {

  /** Layout names OPA accepts in place of a layout, mapped to Go's constants. */
  static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
          Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
          Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
          Map.entry("RFC822", "02 Jan 06 15:04 MST"),
          Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
          Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
          Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
          Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
          Map.entry("RFC3339", "2006-01-02T15:04:05Z07:00"),
          Map.entry("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
          Map.entry("Kitchen", "3:04PM"),
          Map.entry("Stamp", "Jan _2 15:04:05"),
          Map.entry("StampMilli", "Jan _2 15:04:05.000"),
          Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
          Map.entry("StampNano", "Jan _2 15:04:05.000000000"));

  static final String RFC3339 = NAMED.get("RFC3339");
  static final String RFC3339_NANO = NAMED.get("RFC3339Nano");

  private static final String[] LONG_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] LONG_DAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };

  private static final DateTimeFormatter ZONE_ABBREVIATION =
      DateTimeFormatter.ofPattern("zzz", Locale.US);

  private GoTimeLayout() {}

  /** The layout for a name such as "RFC3339", or the text itself. */
  static String resolve(String layoutOrName) {
    return NAMED.getOrDefault(layoutOrName, layoutOrName);
  }

  /** Kinds of layout element. */
  enum Std {
    LONG_MONTH("January"),
    MONTH("Jan"),
    NUM_MONTH("1"),
    ZERO_MONTH("01"),
    LONG_WEEKDAY("Monday"),
    WEEKDAY("Mon"),
    DAY("2"),
    UNDER_DAY("_2"),
    ZERO_DAY("02"),
    UNDER_YEAR_DAY("__2"),
    ZERO_YEAR_DAY("002"),
    HOUR("15"),
    HOUR12("3"),
    ZERO_HOUR12("03"),
    MINUTE("4"),
    ZERO_MINUTE("04"),
    SECOND("5"),
    ZERO_SECOND("05"),
    LONG_YEAR("2006"),
    YEAR("06"),
    PM_UPPER("PM"),
    PM_LOWER("pm"),
    TZ("MST"),
    ISO_TZ("Z0700"),
    ISO_SECONDS_TZ("Z070000"),
    ISO_SHORT_TZ("Z07"),
    ISO_COLON_TZ("Z07:00"),
    ISO_COLON_SECONDS_TZ("Z07:00:00"),
    NUM_TZ("-0700"),
    NUM_SECONDS_TZ("-070000"),
    NUM_SHORT_TZ("-07"),
    NUM_COLON_TZ("-07:00"),
    NUM_COLON_SECONDS_TZ("-07:00:00"),
    FRAC_ZERO(null),
    FRAC_NINE(null);

    final String text;

    Std(String text) {
      this.text = text;
    }

    boolean isIso() {
      return this == ISO_TZ
          || this == ISO_SECONDS_TZ
          || this == ISO_SHORT_TZ
          || this == ISO_COLON_TZ
          || this == ISO_COLON_SECONDS_TZ;
    }
  }

  /**
   * The next element of a layout: literal text before it, the element, and where the rest starts.
   * {@code std == null} means the layout has no more elements.
   *
   * @param digits for fractional seconds, the number of digits; {@code separator} its '.' or ','
   */
  record Chunk(String prefix, Std std, String stdText, int digits, char separator, String rest) {}

  static Chunk next(String layout) {
    int n = layout.length();
    for (int i = 0; i < n; i++) {
      char c = layout.charAt(i);
      switch (c) {
        case 'J' -> {
          if (layout.startsWith("Jan", i)) {
            if (layout.startsWith("January", i)) {
              return chunk(layout, i, Std.LONG_MONTH);
            }
            if (!startsWithLower(layout, i + 3)) {
              return chunk(layout, i, Std.MONTH);
            }
          }
        }
        case 'M' -> {
          if (layout.startsWith("Mon", i)) {
            if (layout.startsWith("Monday", i)) {
              return chunk(layout, i, Std.LONG_WEEKDAY);
            }
            if (!startsWithLower(layout, i + 3)) {
              return chunk(layout, i, Std.WEEKDAY);
            }
          }
          if (layout.startsWith("MST", i)) {
            return chunk(layout, i, Std.TZ);
          }
        }
        case '0' -> {
          if (i + 1 < n && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6') {
            Std std =
                switch (layout.charAt(i + 1)) {
                  case '1' -> Std.ZERO_MONTH;
                  case '2' -> Std.ZERO_DAY;
                  case '3' -> Std.ZERO_HOUR12;
                  case '4' -> Std.ZERO_MINUTE;
                  case '5' -> Std.ZERO_SECOND;
                  default -> Std.YEAR;
                };
            return chunk(layout, i, std);
          }
          if (layout.startsWith("002", i)) {
            return chunk(layout, i, Std.ZERO_YEAR_DAY);
          }
        }
        case '1' -> {
          return chunk(layout, i, layout.startsWith("15", i) ? Std.HOUR : Std.NUM_MONTH);
        }
        case '2' -> {
          return chunk(layout, i, layout.startsWith("2006", i) ? Std.LONG_YEAR : Std.DAY);
        }
        case '_' -> {
          if (i + 1 < n && layout.charAt(i + 1) == '2') {
            // "_2006" is a literal underscore followed by the year.
            if (layout.startsWith("2006", i + 1)) {
              return new Chunk(
                  layout.substring(0, i + 1),
                  Std.LONG_YEAR,
                  "2006",
                  0,
                  '.',
                  layout.substring(i + 5));
            }
            return chunk(layout, i, Std.UNDER_DAY);
          }
          if (layout.startsWith("__2", i)) {
            return chunk(layout, i, Std.UNDER_YEAR_DAY);
          }
        }
        case '3' -> {
          return chunk(layout, i, Std.HOUR12);
        }
        case '4' -> {
          return chunk(layout, i, Std.MINUTE);
        }
        case '5' -> {
          return chunk(layout, i, Std.SECOND);
        }
        case 'P' -> {
          if (layout.startsWith("PM", i)) {
            return chunk(layout, i, Std.PM_UPPER);
          }
        }
        case 'p' -> {
          if (layout.startsWith("pm", i)) {
            return chunk(layout, i, Std.PM_LOWER);
          }
        }
        case '-' -> {
          for (Std std :
              new Std[] {
                Std.NUM_SECONDS_TZ,
                Std.NUM_COLON_SECONDS_TZ,
                Std.NUM_TZ,
                Std.NUM_COLON_TZ,
                Std.NUM_SHORT_TZ
              }) {
            if (layout.startsWith(std.text, i)) {
              return chunk(layout, i, std);
            }
          }
        }
        case 'Z' -> {
          for (Std std :
              new Std[] {
                Std.ISO_SECONDS_TZ,
                Std.ISO_COLON_SECONDS_TZ,
                Std.ISO_TZ,
                Std.ISO_COLON_TZ,
                Std.ISO_SHORT_TZ
              }) {
            if (layout.startsWith(std.text, i)) {
              return chunk(layout, i, std);
            }
          }
        }
        case '.', ',' -> {
          if (i + 1 < n && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < n && layout.charAt(j) == digit) {
              j++;
            }
            if (!(j < n && isDigit(layout.charAt(j)))) {
              return new Chunk(
                  layout.substring(0, i),
                  digit == '0' ? Std.FRAC_ZERO : Std.FRAC_NINE,
                  layout.substring(i, j),
                  j - i - 1,
                  c,
                  layout.substring(j));
            }
          }
        }
        default -> {}
      }
    }
    return new Chunk(layout, null, "", 0, '.', "");
  }

  private static Chunk chunk(String layout, int at, Std std) {
    return new Chunk(
        layout.substring(0, at), std, std.text, 0, '.', layout.substring(at + std.text.length()));
  }

  private static boolean startsWithLower(String s, int i) {
    return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // ---------------------------------------------------------------- formatting

  /** Formats like Go's {@code Time.Format}. */
  static String format(ZonedDateTime t, String layout) {
    StringBuilder out = new StringBuilder(layout.length() + 10);
    String rest = layout;
    while (!rest.isEmpty()) {
      Chunk c = next(rest);
      out.append(c.prefix());
      if (c.std() == null) {
        break;
      }
      rest = c.rest();
      appendElement(out, t, c);
    }
    return out.toString();
  }

  private static void appendElement(StringBuilder out, ZonedDateTime t, Chunk c) {
    int year = t.getYear();
    int hour = t.getHour();
    switch (c.std()) {
      case YEAR -> pad(out, Math.floorMod(year, 100), 2);
      case LONG_YEAR -> pad(out, year, 4);
      case MONTH -> out.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
      case LONG_MONTH -> out.append(LONG_MONTHS[t.getMonthValue() - 1]);
      case NUM_MONTH -> out.append(t.getMonthValue());
      case ZERO_MONTH -> pad(out, t.getMonthValue(), 2);
      case WEEKDAY -> out.append(dayName(t.getDayOfWeek()), 0, 3);
      case LONG_WEEKDAY -> out.append(dayName(t.getDayOfWeek()));
      case DAY -> out.append(t.getDayOfMonth());
      case UNDER_DAY -> {
        if (t.getDayOfMonth() < 10) {
          out.append(' ');
        }
        out.append(t.getDayOfMonth());
      }
      case ZERO_DAY -> pad(out, t.getDayOfMonth(), 2);
      case UNDER_YEAR_DAY -> {
        int yday = t.getDayOfYear();
        if (yday < 100) {
          out.append(' ');
          if (yday < 10) {
            out.append(' ');
          }
        }
        out.append(yday);
      }
      case ZERO_YEAR_DAY -> pad(out, t.getDayOfYear(), 3);
      case HOUR -> pad(out, hour, 2);
      case HOUR12 -> out.append(hour % 12 == 0 ? 12 : hour % 12);
      case ZERO_HOUR12 -> pad(out, hour % 12 == 0 ? 12 : hour % 12, 2);
      case MINUTE -> out.append(t.getMinute());
      case ZERO_MINUTE -> pad(out, t.getMinute(), 2);
      case SECOND -> out.append(t.getSecond());
      case ZERO_SECOND -> pad(out, t.getSecond(), 2);
      case PM_UPPER -> out.append(hour >= 12 ? "PM" : "AM");
      case PM_LOWER -> out.append(hour >= 12 ? "pm" : "am");
      case TZ -> {
        String name = zoneAbbreviation(t);
        if (name != null) {
          out.append(name);
        } else {
          int minutes = t.getOffset().getTotalSeconds() / 60;
          out.append(minutes < 0 ? '-' : '+');
          minutes = Math.abs(minutes);
          pad(out, minutes / 60, 2);
          pad(out, minutes % 60, 2);
        }
      }
      case FRAC_ZERO, FRAC_NINE -> appendFraction(out, t.getNano(), c);
      default -> appendOffset(out, t.getOffset().getTotalSeconds(), c.std());
    }
  }

  private static String dayName(DayOfWeek d) {
    return LONG_DAYS[d.getValue() % 7];
  }

  private static void appendFraction(StringBuilder out, int nanos, Chunk c) {
    String digits = String.format("%09d", nanos).substring(0, Math.min(9, c.digits()));
    if (c.std() == Std.FRAC_NINE) {
      int end = digits.length();
      while (end > 0 && digits.charAt(end - 1) == '0') {
        end--;
      }
      if (end == 0) {
        return;
      }
      digits = digits.substring(0, end);
    }
    out.append(c.separator()).append(digits);
  }

  private static void appendOffset(StringBuilder out, int offsetSeconds, Std std) {
    if (std.isIso() && offsetSeconds == 0) {
      out.append('Z');
      return;
    }
    int zone = offsetSeconds / 60;
    int abs = Math.abs(offsetSeconds);
    out.append(zone < 0 ? '-' : '+');
    int absMinutes = Math.abs(zone);
    pad(out, absMinutes / 60, 2);
    boolean colon =
        std == Std.ISO_COLON_TZ
            || std == Std.NUM_COLON_TZ
            || std == Std.ISO_COLON_SECONDS_TZ
            || std == Std.NUM_COLON_SECONDS_TZ;
    if (std != Std.ISO_SHORT_TZ && std != Std.NUM_SHORT_TZ) {
      if (colon) {
        out.append(':');
      }
      pad(out, absMinutes % 60, 2);
    }
    if (std == Std.ISO_SECONDS_TZ
        || std == Std.NUM_SECONDS_TZ
        || std == Std.ISO_COLON_SECONDS_TZ
        || std == Std.NUM_COLON_SECONDS_TZ) {
      if (colon) {
        out.append(':');
      }
      pad(out, abs % 60, 2);
    }
  }

  /** Go prints the zone's abbreviation; java.time knows most of them. */
  private static String zoneAbbreviation(ZonedDateTime t) {
    ZoneId zone = t.getZone();
    if (zone instanceof ZoneOffset offset) {
      return offset.getTotalSeconds() == 0 ? "UTC" : null;
    }
    if (zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC")) {
      return "UTC";
    }
    String name = ZONE_ABBREVIATION.format(t);
    if (name.startsWith("GMT+") || name.startsWith("GMT-")) {
      return null;
    }
    return name;
  }

  private static void pad(StringBuilder out, int value, int width) {
    if (value < 0) {
      out.append('-');
      value = -value;
    }
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  // ---------------------------------------------------------------- parsing

  /** A parse failure worded as Go words it. */
  static final class ParseException extends Exception {
    ParseException(String message) {
      super(message, null, false, false);
    }
  }

  /** A parsed instant: seconds since the epoch and nanoseconds within the second. */
  record Parsed(long epochSecond, int nano) {}

  /** Parses like Go's {@code time.Parse} (UTC unless the value names an offset). */
  static Parsed parse(String layout, String value) throws ParseException {
    final String originalLayout = layout;
    final String originalValue = value;
    int year = 0;
    int month = -1;
    int day = -1;
    int yday = -1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nano = 0;
    boolean pmSet = false;
    boolean amSet = false;
    Integer zoneOffset = null;
    int zoneNameOffset = 0;
    boolean utc = false;
    String rangeError = null;

    while (true) {
      Chunk c = next(layout);
      String hold = value;
      value = skip(value, c.prefix());
      if (value == null) {
        throw cannotParse(originalLayout, originalValue, c.prefix(), hold);
      }
      if (c.std() == null) {
        if (!value.isEmpty()) {
          throw new ParseException(
              "parsing time " + quote(originalValue) + ": extra text: " + quote(value));
        }
        break;
      }
      layout = c.rest();
      hold = value;
      Num num;
      boolean bad = false;
      switch (c.std()) {
        case YEAR -> {
          if (value.length() < 2 || !isDigit(value.charAt(0)) || !isDigit(value.charAt(1))) {
            bad = true;
            break;
          }
          year = Integer.parseInt(value.substring(0, 2));
          value = value.substring(2);
          year += year >= 69 ? 1900 : 2000;
        }
        case LONG_YEAR -> {
          if (value.length() < 4 || !allDigits(value, 4)) {
            bad = true;
            break;
          }
          year = Integer.parseInt(value.substring(0, 4));
          value = value.substring(4);
        }
        case MONTH, LONG_MONTH -> {
          int found = lookup(value, LONG_MONTHS, c.std() == Std.LONG_MONTH);
          if (found < 0) {
            bad = true;
            break;
          }
          month = found >> 8;
          value = value.substring(found & 0xff);
          month++;
        }
        case NUM_MONTH, ZERO_MONTH -> {
          num = number(value, c.std() == Std.ZERO_MONTH);
          if (num == null) {
            bad = true;
            break;
          }
          month = num.value;
          value = num.rest;
          if (month <= 0 || month > 12) {
            rangeError = "month";
          }
        }
        case WEEKDAY, LONG_WEEKDAY -> {
          int found = lookup(value, LONG_DAYS, c.std() == Std.LONG_WEEKDAY);
          if (found < 0) {
            bad = true;
            break;
          }
          value = value.substring(found & 0xff);
        }
        case DAY, UNDER_DAY, ZERO_DAY -> {
          if (c.std() == Std.UNDER_DAY && !value.isEmpty() && value.charAt(0) == ' ') {
            value = value.substring(1);
          }
          num = number(value, c.std() == Std.ZERO_DAY);
          if (num == null) {
            bad = true;
            break;
          }
          day = num.value;
          value = num.rest;
        }
        case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
          for (int i = 0; i < 2; i++) {
            if (c.std() == Std.UNDER_YEAR_DAY && !value.isEmpty() && value.charAt(0) == ' ') {
              value = value.substring(1);
            }
          }
          num = number3(value, c.std() == Std.ZERO_YEAR_DAY);
          if (num == null) {
            bad = true;
            break;
          }
          yday = num.value;
          value = num.rest;
          if (yday < 1 || yday > 366) {
            rangeError = "day-of-year";
          }
        }
        case HOUR -> {
          num = number(value, false);
          if (num == null) {
            bad = true;
            break;
          }
          hour = num.value;
          value = num.rest;
          if (hour < 0 || hour >= 24) {
            rangeError = "hour";
          }
        }
        case HOUR12, ZERO_HOUR12 -> {
          num = number(value, c.std() == Std.ZERO_HOUR12);
          if (num == null) {
            bad = true;
            break;
          }
          hour = num.value;
          value = num.rest;
          if (hour < 0 || hour > 12) {
            rangeError = "hour";
          }
        }
        case MINUTE, ZERO_MINUTE -> {
          num = number(value, c.std() == Std.ZERO_MINUTE);
          if (num == null) {
            bad = true;
            break;
          }
          minute = num.value;
          value = num.rest;
          if (minute < 0 || minute >= 60) {
            rangeError = "minute";
          }
        }
        case SECOND, ZERO_SECOND -> {
          num = number(value, c.std() == Std.ZERO_SECOND);
          if (num == null) {
            bad = true;
            break;
          }
          second = num.value;
          value = num.rest;
          if (second < 0 || second >= 60) {
            rangeError = "second";
            break;
          }
          // A fractional second in the value but not in the layout is accepted.
          if (value.length() >= 2
              && (value.charAt(0) == '.' || value.charAt(0) == ',')
              && isDigit(value.charAt(1))) {
            Chunk following = next(layout);
            if (following.std() == Std.FRAC_ZERO || following.std() == Std.FRAC_NINE) {
              break;
            }
            int n = 2;
            while (n < value.length() && isDigit(value.charAt(n))) {
              n++;
            }
            nano = nanoseconds(value, n);
            value = value.substring(n);
          }
        }
        case PM_UPPER, PM_LOWER -> {
          if (value.length() < 2) {
            bad = true;
            break;
          }
          String p = value.substring(0, 2);
          String pm = c.std() == Std.PM_UPPER ? "PM" : "pm";
          String am = c.std() == Std.PM_UPPER ? "AM" : "am";
          if (p.equals(pm)) {
            pmSet = true;
          } else if (p.equals(am)) {
            amSet = true;
          } else {
            bad = true;
            break;
          }
          value = value.substring(2);
        }
        case TZ -> {
          if (value.length() >= 3 && value.startsWith("UTC")) {
            utc = true;
            value = value.substring(3);
            break;
          }
          int n = zoneNameLength(value);
          if (n <= 0) {
            bad = true;
            break;
          }
          // Go gives abbreviations unknown to the host zone a zero offset; GMT+h its hours.
          String name = value.substring(0, n);
          zoneNameOffset =
              name.length() > 3 && name.startsWith("GMT")
                  ? Integer.parseInt(name.substring(3).replace("+", "")) * 3600
                  : 0;
          value = value.substring(n);
        }
        case FRAC_ZERO -> {
          int ndigit = 1 + c.digits();
          if (value.length() < ndigit
              || (value.charAt(0) != '.' && value.charAt(0) != ',')
              || !allDigits(value.substring(1), ndigit - 1)) {
            bad = true;
            break;
          }
          nano = nanoseconds(value, ndigit);
          value = value.substring(ndigit);
        }
        case FRAC_NINE -> {
          if (value.length() < 2
              || (value.charAt(0) != '.' && value.charAt(0) != ',')
              || !isDigit(value.charAt(1))) {
            break;
          }
          int i = 0;
          while (i + 1 < value.length() && isDigit(value.charAt(i + 1))) {
            i++;
          }
          nano = nanoseconds(value, 1 + i);
          value = value.substring(1 + i);
        }
        default -> {
          // numeric offsets: -0700, -07:00, -07, Z0700, ...
          if (c.std().isIso() && !value.isEmpty() && value.charAt(0) == 'Z') {
            value = value.substring(1);
            utc = true;
            break;
          }
          Integer offset;
          try {
            offset = parseOffset(value, c.std());
          } catch (OffsetRangeException e) {
            rangeError = e.getMessage();
            break;
          }
          if (offset == null) {
            bad = true;
            break;
          }
          zoneOffset = offset;
          value = value.substring(offsetLength(c.std()));
        }
      }
      if (rangeError != null) {
        throw new ParseException(
            "parsing time " + quote(originalValue) + ": " + rangeError + " out of range");
      }
      if (bad) {
        throw cannotParse(originalLayout, originalValue, c.stdText(), hold);
      }
    }
    if (pmSet && hour < 12) {
      hour += 12;
    } else if (amSet && hour == 12) {
      hour = 0;
    }
    if (yday >= 0) {
      LocalDate fromYearDay;
      boolean leap = java.time.Year.isLeap(year);
      if (yday > (leap ? 366 : 365)) {
        throw new ParseException(
            "parsing time " + quote(originalValue) + ": day-of-year out of range");
      }
      fromYearDay = LocalDate.ofYearDay(year, yday);
      if (month >= 0 && month != fromYearDay.getMonthValue()
          || day >= 0 && day != fromYearDay.getDayOfMonth()) {
        throw new ParseException(
            "parsing time "
                + quote(originalValue)
                + ": day-of-year does not match "
                + (month >= 0 && month != fromYearDay.getMonthValue() ? "month" : "day"));
      }
      month = fromYearDay.getMonthValue();
      day = fromYearDay.getDayOfMonth();
    } else {
      if (month < 0) {
        month = 1;
      }
      if (day < 0) {
        day = 1;
      }
    }
    if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      throw new ParseException("parsing time " + quote(originalValue) + ": day out of range");
    }
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
    int offset = utc ? 0 : zoneOffset != null ? zoneOffset : zoneNameOffset;
    return new Parsed(local.toEpochSecond(ZoneOffset.UTC) - offset, nano);
  }

  private record Num(int value, String rest) {}

  private static final class OffsetRangeException extends RuntimeException {
    OffsetRangeException(String what) {
      super(what, null, false, false);
    }
  }

  /** One or two digits (exactly two when fixed), as Go's getnum. */
  private static Num number(String s, boolean fixed) {
    if (s.isEmpty() || !isDigit(s.charAt(0))) {
      return null;
    }
    if (s.length() < 2 || !isDigit(s.charAt(1))) {
      if (fixed) {
        return null;
      }
      return new Num(s.charAt(0) - '0', s.substring(1));
    }
    return new Num((s.charAt(0) - '0') * 10 + s.charAt(1) - '0', s.substring(2));
  }

  /** One to three digits (exactly three when fixed), as Go's getnum3. */
  private static Num number3(String s, boolean fixed) {
    int n = 0;
    int i = 0;
    while (i < 3 && i < s.length() && isDigit(s.charAt(i))) {
      n = n * 10 + s.charAt(i) - '0';
      i++;
    }
    if (i == 0 || (fixed && i != 3)) {
      return null;
    }
    return new Num(n, s.substring(i));
  }

  private static int nanoseconds(String value, int nbytes) {
    if (nbytes > 10) {
      nbytes = 10;
    }
    int ns = 0;
    for (int i = 1; i < nbytes; i++) {
      ns = ns * 10 + value.charAt(i) - '0';
    }
    for (int i = nbytes; i < 10; i++) {
      ns *= 10;
    }
    return ns;
  }

  private static int offsetLength(Std std) {
    return switch (std) {
      case ISO_SHORT_TZ, NUM_SHORT_TZ -> 3;
      case ISO_TZ, NUM_TZ -> 5;
      case ISO_COLON_TZ, NUM_COLON_TZ -> 6;
      case ISO_SECONDS_TZ, NUM_SECONDS_TZ -> 7;
      default -> 9;
    };
  }

  private static Integer parseOffset(String value, Std std) {
    int len = offsetLength(std);
    if (value.length() < len) {
      return null;
    }
    char sign = value.charAt(0);
    if (sign != '+' && sign != '-') {
      return null;
    }
    String hh = value.substring(1, 3);
    String mm = "00";
    String ss = "00";
    switch (std) {
      case ISO_TZ, NUM_TZ -> mm = value.substring(3, 5);
      case ISO_COLON_TZ, NUM_COLON_TZ -> {
        if (value.charAt(3) != ':') {
          return null;
        }
        mm = value.substring(4, 6);
      }
      case ISO_SECONDS_TZ, NUM_SECONDS_TZ -> {
        mm = value.substring(3, 5);
        ss = value.substring(5, 7);
      }
      case ISO_COLON_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> {
        if (value.charAt(3) != ':' || value.charAt(6) != ':') {
          return null;
        }
        mm = value.substring(4, 6);
        ss = value.substring(7, 9);
      }
      default -> {}
    }
    if (!allDigits(hh, 2) || !allDigits(mm, 2) || !allDigits(ss, 2)) {
      return null;
    }
    int h = Integer.parseInt(hh);
    int m = Integer.parseInt(mm);
    int sec = Integer.parseInt(ss);
    if (h > 24) {
      throw new OffsetRangeException("time zone offset hour");
    }
    if (m > 60) {
      throw new OffsetRangeException("time zone offset minute");
    }
    if (sec > 60) {
      throw new OffsetRangeException("time zone offset second");
    }
    int seconds = (h * 60 + m) * 60 + sec;
    return sign == '-' ? -seconds : seconds;
  }

  /** Length of a zone abbreviation such as "PST", "CEST" or "GMT+3"; 0 when there is none. */
  private static int zoneNameLength(String value) {
    if (value.length() < 3) {
      return 0;
    }
    if (value.startsWith("ChST") || value.startsWith("MeST")) {
      return 4;
    }
    if (value.startsWith("GMT")) {
      int n = 3;
      if (n < value.length() && (value.charAt(n) == '+' || value.charAt(n) == '-')) {
        int m = n + 1;
        while (m < value.length() && isDigit(value.charAt(m))) {
          m++;
        }
        return m == n + 1 ? 3 : m;
      }
      return 3;
    }
    if (value.charAt(0) == '+' || value.charAt(0) == '-') {
      int m = 1;
      while (m < value.length() && isDigit(value.charAt(m))) {
        m++;
      }
      return m == 3 || m == 5 ? m : 0;
    }
    int n = 0;
    while (n < value.length() && n < 6 && value.charAt(n) >= 'A' && value.charAt(n) <= 'Z') {
      n++;
    }
    return switch (n) {
      case 3 -> 3;
      case 4 -> value.charAt(3) == 'T' ? 4 : 0;
      case 5 -> value.charAt(4) == 'T' ? 5 : 0;
      default -> 0;
    };
  }

  /**
   * Finds a month or day name at the start of {@code s}, case-insensitively: the index in the high
   * bits and the matched length in the low 8 bits, or -1.
   */
  private static int lookup(String s, String[] names, boolean longForm) {
    for (int i = 0; i < names.length; i++) {
      String name = longForm ? names[i] : names[i].substring(0, 3);
      if (s.length() >= name.length() && s.regionMatches(true, 0, name, 0, name.length())) {
        return (i << 8) | name.length();
      }
    }
    return -1;
  }

  /** Removes {@code prefix} from the start of value; runs of spaces match runs of spaces. */
  private static String skip(String value, String prefix) {
    int v = 0;
    int p = 0;
    while (p < prefix.length()) {
      if (prefix.charAt(p) == ' ') {
        if (v < value.length() && value.charAt(v) != ' ') {
          return null;
        }
        while (p < prefix.length() && prefix.charAt(p) == ' ') {
          p++;
        }
        while (v < value.length() && value.charAt(v) == ' ') {
          v++;
        }
        continue;
      }
      if (v >= value.length() || value.charAt(v) != prefix.charAt(p)) {
        return null;
      }
      v++;
      p++;
    }
    return value.substring(v);
  }

  private static boolean allDigits(String s, int n) {
    if (s.length() < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static ParseException cannotParse(
      String layout, String value, String layoutElem, String valueElem) {
    return new ParseException(
        "parsing time "
            + quote(value)
            + " as "
            + quote(layout)
            + ": cannot parse "
            + quote(valueElem)
            + " as "
            + quote(layoutElem));
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
