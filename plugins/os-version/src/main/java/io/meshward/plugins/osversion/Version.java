package io.meshward.plugins.osversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dotted version compared part by part as numbers: {@code 10.0.19045 < 10.0.22631}, {@code 14.2.1
 * < 14.10}, {@code 14 == 14.0}. Parsing stops at the first part that is not a number, so a kernel
 * release such as {@code 6.1.0-13-amd64} reads as {@code 6.1.0.13}.
 */
record Version(List<Long> parts) implements Comparable<Version> {

  private static final Pattern SEPARATORS = Pattern.compile("[.\\-+_~]");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

  Version {
    parts = List.copyOf(parts);
  }

  /** Parses {@code text}; empty if it does not start with a number. */
  static Optional<Version> parse(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("v") || trimmed.startsWith("V")) {
      trimmed = trimmed.substring(1);
    }
    List<Long> parts = new ArrayList<>();
    for (String token : SEPARATORS.split(trimmed, -1)) {
      if (!NUMBER.matcher(token).matches()) {
        break;
      }
      parts.add(Long.parseLong(token));
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(new Version(parts));
  }

  @Override
  public int compareTo(Version other) {
    int length = Math.max(parts.size(), other.parts.size());
    for (int i = 0; i < length; i++) {
      long mine = i < parts.size() ? parts.get(i) : 0;
      long theirs = i < other.parts.size() ? other.parts.get(i) : 0;
      int order = Long.compare(mine, theirs);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  boolean isBelow(Version minimum) {
    return compareTo(minimum) < 0;
  }
}
