package io.meshward.policy.builtins.time;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import org.junit.jupiter.api.Test;

class TimeBuiltinsTest {

  private final BuiltinHarness h = new BuiltinHarness(new TimeBuiltins());

  private String parse(String layout, String value) throws Exception {
    return h.json("time.parse_ns", quoted(layout), quoted(value));
  }

  @Test
  void signaturesMatchCapabilities() throws Exception {
    assertThat(h.checkAgainstCapabilities()).isNotEmpty();
    assertThat(h.table().lookup("time.now_ns").orElseThrow().nondeterministic()).isTrue();
  }

  @Test
  void nowIsTheEvaluationClockInNanoseconds() throws Exception {
    assertThat(h.json("time.now_ns")).isEqualTo("1709294400123456789");
    assertThat(h.json("time.now_ns")).isEqualTo(h.json("time.now_ns"));
  }

  @Test
  void parsesGoLayouts() throws Exception {
    assertThat(parse("2006-01-02T15:04:05Z07:00", "2024-03-01T12:00:00+01:00"))
        .isEqualTo("1709290800000000000");
    assertThat(parse("2006-01-02", "1970-01-02")).isEqualTo("86400000000000");
    assertThat(parse("Jan 2, 2006 at 3:04pm (MST)", "Feb 3, 2013 at 7:54pm (UTC)"))
        .isEqualTo("1359921240000000000");
    assertThat(parse("02/01/06 15:04:05.000", "31/12/99 23:59:59.250"))
        .isEqualTo("946684799250000000");
    assertThat(parse("Monday, January _2 2006", "Friday, March  1 2024"))
        .isEqualTo("1709251200000000000");
    assertThat(parse("RFC1123Z", "Fri, 01 Mar 2024 12:00:00 -0230"))
        .isEqualTo("1709303400000000000");
    // Without a year the date is 0000-01-01, outside the int64 nanosecond range
    h.failure("time.parse_ns", quoted("Kitchen"), quoted("12:30AM"))
        .hasMessage("time outside of valid range");
    assertThat(parse("2006 Kitchen".replace("Kitchen", "3:04PM"), "2000 12:30AM"))
        .isEqualTo("946686600000000000");
  }

  @Test
  void parsesFractionsNotInTheLayout() throws Exception {
    assertThat(h.json("time.parse_rfc3339_ns", quoted("2024-03-01T12:00:00.5Z")))
        .isEqualTo("1709294400500000000");
    assertThat(h.json("time.parse_rfc3339_ns", quoted("2024-03-01T12:00:00.123456789123Z")))
        .isEqualTo("1709294400123456789");
  }

  @Test
  void parseAtTheEdgesOfTheInt64Range() throws Exception {
    assertThat(h.json("time.parse_rfc3339_ns", quoted("2262-04-11T23:47:16.854775807Z")))
        .isEqualTo(Long.toString(Long.MAX_VALUE));
    assertThat(h.json("time.parse_rfc3339_ns", quoted("1677-09-21T00:12:43.145224192+00:00")))
        .isEqualTo(Long.toString(Long.MIN_VALUE));
    h.failure("time.parse_rfc3339_ns", quoted("2262-04-11T23:47:16.854775808Z"))
        .hasMessage("time outside of valid range");
    h.failure("time.parse_ns", quoted("2006"), quoted("1000"))
        .hasMessage("time outside of valid range");
  }

  @Test
  void parseErrorsUseGoWording() throws Exception {
    h.failure("time.parse_rfc3339_ns", quoted("2024-13-01T00:00:00Z"))
        .hasMessage("parsing time \"2024-13-01T00:00:00Z\": month out of range");
    h.failure("time.parse_ns", quoted("2006-01-02"), quoted("2024-02-30"))
        .hasMessage("parsing time \"2024-02-30\": day out of range");
    h.failure("time.parse_ns", quoted("2006-01-02"), quoted("2024-02-01x"))
        .hasMessage("parsing time \"2024-02-01x\": extra text: \"x\"");
    h.failure("time.parse_ns", quoted("2006-01-02"), quoted("24-02-01"))
        .hasMessage(
            "parsing time \"24-02-01\" as \"2006-01-02\": cannot parse \"24-02-01\" as \"2006\"");
    h.failure("time.parse_ns", quoted(1 + ""), quoted("x")).hasMessageContaining("cannot parse");
  }

  @Test
  void parsesDurations() throws Exception {
    assertThat(h.json("time.parse_duration_ns", quoted("1h2m3.5s"))).isEqualTo("3723500000000");
    assertThat(h.json("time.parse_duration_ns", quoted("300ms"))).isEqualTo("300000000");
    assertThat(h.json("time.parse_duration_ns", quoted("-1.5h"))).isEqualTo("-5400000000000");
    assertThat(h.json("time.parse_duration_ns", quoted("1µs2us3ns"))).isEqualTo("3003");
    assertThat(h.json("time.parse_duration_ns", quoted("0"))).isEqualTo("0");
    assertThat(h.json("time.parse_duration_ns", quoted(".5s"))).isEqualTo("500000000");
    h.failure("time.parse_duration_ns", quoted("1"))
        .hasMessage("time: missing unit in duration \"1\"");
    h.failure("time.parse_duration_ns", quoted("3d"))
        .hasMessage("time: unknown unit \"d\" in duration \"3d\"");
    h.failure("time.parse_duration_ns", quoted("")).hasMessage("time: invalid duration \"\"");
    h.failure("time.parse_duration_ns", quoted("9999999999h"))
        .hasMessage("time: invalid duration \"9999999999h\"");
  }

  @Test
  void dateClockAndWeekdayInZones() throws Exception {
    // 2024-03-01T02:30:00Z is still February 29th in Los Angeles (leap year)
    String ns = "1709260200000000000";
    assertThat(h.json("time.date", ns)).isEqualTo("[2024,3,1]");
    assertThat(h.json("time.date", "[" + ns + ",\"America/Los_Angeles\"]"))
        .isEqualTo("[2024,2,29]");
    assertThat(h.json("time.clock", "[" + ns + ",\"America/Los_Angeles\"]")).isEqualTo("[18,30,0]");
    assertThat(h.json("time.clock", "[" + ns + ",\"\"]")).isEqualTo("[2,30,0]");
    assertThat(h.json("time.weekday", ns)).isEqualTo("\"Friday\"");
    assertThat(h.json("time.weekday", "[" + ns + ",\"Pacific/Honolulu\"]"))
        .isEqualTo("\"Thursday\"");
    assertThat(h.json("time.date", "-1")).isEqualTo("[1969,12,31]");
  }

  @Test
  void timestampOperandErrors() throws Exception {
    h.failure("time.date", "92233720368547758070").hasMessage("timestamp too big");
    h.failure("time.clock", "1.5").hasMessage("timestamp too big");
    h.failure("time.date", "[1, \"Mars/Olympus\"]").hasMessage("unknown time zone Mars/Olympus");
    h.failure("time.date", "\"now\"")
        .hasMessage(
            "operand 1 must be either number (ns) or [number (ns), string (tz)] but got string");
    h.failure("time.date", "[]").hasMessageContaining("operand 1 must be either number");
  }

  @Test
  void addDateNormalisesLikeGo() throws Exception {
    long oct31 = 1730332800L * 1_000_000_000L; // 2024-10-31T00:00:00Z
    assertThat(h.json("time.format", h.json("time.add_date", "" + oct31, "0", "1", "0")))
        .isEqualTo("\"2024-12-01T00:00:00Z\"");
    assertThat(h.json("time.format", h.json("time.add_date", "" + oct31, "-1", "-10", "-31")))
        .isEqualTo("\"2022-11-30T00:00:00Z\"");
    h.failure("time.add_date", "" + oct31, "1000", "0", "0")
        .hasMessage("time outside of valid range");
    h.failure("time.add_date", "" + oct31, "1.5", "0", "0")
        .hasMessage("operand 2 must be integer number but got floating-point number");
  }

  @Test
  void diffCountsCalendarUnits() throws Exception {
    String feb2 = parse("2006-01-02", "2020-02-02");
    String mar1 = parse("2006-01-02", "2020-03-01");
    assertThat(h.json("time.diff", feb2, mar1)).isEqualTo("[0,0,28,0,0,0]");
    assertThat(h.json("time.diff", mar1, feb2)).isEqualTo("[0,0,28,0,0,0]");
    String a = parse("2006-01-02 15:04:05", "2023-01-31 23:59:58");
    String b = parse("2006-01-02 15:04:05", "2024-03-01 00:00:01");
    assertThat(h.json("time.diff", a, b)).isEqualTo("[1,1,0,0,0,3]");
    assertThat(h.json("time.diff", "[0, \"UTC\"]", "[3600000000000, \"Asia/Kolkata\"]"))
        .isEqualTo("[0,0,0,1,0,0]");
  }

  @Test
  void formatsWithLayoutsAndZones() throws Exception {
    String ns = "1709260200123400000"; // 2024-03-01T02:30:00.1234Z
    assertThat(h.json("time.format", ns)).isEqualTo("\"2024-03-01T02:30:00.1234Z\"");
    assertThat(h.json("time.format", "[" + ns + ", \"Europe/Berlin\"]"))
        .isEqualTo("\"2024-03-01T03:30:00.1234+01:00\"");
    assertThat(h.json("time.format", "[" + ns + ", \"America/New_York\", \"RFC1123\"]"))
        .isEqualTo("\"Thu, 29 Feb 2024 21:30:00 EST\"");
    assertThat(h.json("time.format", "[" + ns + ", \"UTC\", \"Mon Jan _2 3:4:5 PM 06 .000 -07\"]"))
        .isEqualTo("\"Fri Mar  1 2:30:0 AM 24 .123 +00\"");
    assertThat(h.json("time.format", "[" + ns + ", \"Asia/Kolkata\", \"002 __2 Z07:00:00 ,99\"]"))
        .isEqualTo("\"061  61 +05:30:00 ,12\"");
    assertThat(h.json("time.format", "[0, \"UTC\", \"RFC3339Nano\"]"))
        .isEqualTo("\"1970-01-01T00:00:00Z\"");
    assertThat(h.json("time.format", "[0, \"UTC\", \"_2006 January Monday\"]"))
        .isEqualTo("\"_1970 January Thursday\"");
  }

  @Test
  void formatThenParseRoundTrips() throws Exception {
    for (String layout :
        new String[] {"RFC3339Nano", "RFC1123Z", "ANSIC", "2006-01-02 15:04:05.000000 -07:00:00"}) {
      String ns = "1709260200123456000";
      String text =
          h.call("time.format", "[" + ns + ", \"Asia/Tokyo\", " + quoted(layout) + "]").toJson();
      String back = h.json("time.parse_ns", quoted(layout), text);
      String withoutFraction =
          layout.equals("RFC1123Z") || layout.equals("ANSIC") ? "1709260200000000000" : ns;
      if (layout.equals("ANSIC")) {
        // ANSIC has no zone: the Tokyo wall clock is read as UTC
        assertThat(back).isEqualTo("1709292600000000000");
      } else {
        assertThat(back).as(layout).isEqualTo(withoutFraction);
      }
    }
  }
}
