package io.meshward.agent.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as "500ms", "30s", "10m", "1h" or ISO-8601 ("PT10M"). */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Duration duration = parse(value);
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return duration;
  }

  static Duration parse(String value) {
    Matcher matcher = SHORT.matcher(value.strip());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; write for example 500ms, 30s, 10m or 1h");
    }
  }
}
