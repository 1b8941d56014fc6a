package io.meshward.agent.posture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure parsers for the Linux text files posture reads: mountinfo, swaps and os-release. */
public final class ProcParsers {

  private ProcParsers() {}

  /**
   * Parses {@code /proc/self/mountinfo} (proc(5)): {@code id parent major:minor root mountpoint
   * options [optional...] - fstype source superoptions}. Malformed lines are skipped.
   */
  public static List<MountEntry> mountInfo(String text) {
    List<MountEntry> mounts = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] fields = line.strip().split(" ");
      int separator = indexOf(fields, "-");
      if (fields.length < 6 || separator < 6 || separator + 2 >= fields.length) {
        continue;
      }
      mounts.add(
          new MountEntry(
              fields[2],
              unescape(fields[3]),
              unescape(fields[4]),
              fields[separator + 1],
              unescape(fields[separator + 2])));
    }
    return mounts;
  }

  /** Parses {@code /proc/swaps}; the first line is a header. */
  public static List<SwapEntry> swaps(String text) {
    List<SwapEntry> swaps = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].strip().split("\\s+");
      if (fields.length >= 2 && !fields[0].isEmpty()) {
        swaps.add(new SwapEntry(unescape(fields[0]), "partition".equals(fields[1])));
      }
    }
    return swaps;
  }

  /** Parses {@code /etc/os-release} (os-release(5)): KEY=value, values optionally quoted. */
  public static Map<String, String> osRelease(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      int equals = trimmed.indexOf('=');
      if (trimmed.startsWith("#") || equals <= 0) {
        continue;
      }
      String value = trimmed.substring(equals + 1);
      if (value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.charAt(value.length() - 1) == value.charAt(0)) {
        value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
      }
      values.put(trimmed.substring(0, equals), value);
    }
    return values;
  }

  /** The kernel writes space, tab, newline and backslash in paths as octal escapes (\040). */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(String[] fields, String value) {
    // Field 6 onwards: optional fields end at the lone "-".
    for (int i = 6; i < fields.length; i++) {
      if (fields[i].equals(value)) {
        return i;
      }
    }
    return -1;
  }
}
