package io.meshward.policy.builtins.semver;

import java.math.BigInteger;
import java.util.List;

/**
 * A semantic version. Ordered by SemVer precedence: numeric core, then pre-release identifiers (a
 * release outranks its pre-releases); build metadata does not count.
 */
record Version(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease)
    implements Comparable<Version> {

  /** The version, or null when the text is not SemVer 2.0.0. */
  static Version parse(String text) {
    int plus = text.indexOf('+');
    String main = plus < 0 ? text : text.substring(0, plus);
    if (plus >= 0 && !identifiers(text.substring(plus + 1), false)) {
      return null;
    }
    int dash = main.indexOf('-');
    String core = dash < 0 ? main : main.substring(0, dash);
    String pre = dash < 0 ? null : main.substring(dash + 1);
    if (pre != null && !identifiers(pre, true)) {
      return null;
    }
    int dot1 = core.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : core.indexOf('.', dot1 + 1);
    if (dot2 < 0 || core.indexOf('.', dot2 + 1) >= 0) {
      return null;
    }
    String major = core.substring(0, dot1);
    String minor = core.substring(dot1 + 1, dot2);
    String patch = core.substring(dot2 + 1);
    if (!numeric(major) || !numeric(minor) || !numeric(patch)) {
      return null;
    }
    return new Version(
        new BigInteger(major),
        new BigInteger(minor),
        new BigInteger(patch),
        pre == null ? List.of() : List.of(pre.split("\\.")));
  }

  /** A number without leading zeros. */
  private static boolean numeric(String s) {
    if (s.isEmpty() || (s.length() > 1 && s.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Dot-separated non-empty identifiers of ASCII letters, digits and hyphens; pre-release
   * identifiers that are all digits must not have leading zeros.
   */
  private static boolean identifiers(String s, boolean preRelease) {
    int start = 0;
    while (true) {
      int dot = s.indexOf('.', start);
      int end = dot < 0 ? s.length() : dot;
      if (end == start) {
        return false;
      }
      boolean allDigits = true;
      for (int i = start; i < end; i++) {
        char c = s.charAt(i);
        boolean digit = c >= '0' && c <= '9';
        if (!digit && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '-') {
          return false;
        }
        allDigits &= digit;
      }
      if (preRelease && allDigits && end - start > 1 && s.charAt(start) == '0') {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  @Override
  public int compareTo(Version o) {
    int c = major.compareTo(o.major);
    if (c == 0) {
      c = minor.compareTo(o.minor);
    }
    if (c == 0) {
      c = patch.compareTo(o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    int n = Math.min(preRelease.size(), o.preRelease.size());
    for (int i = 0; i < n; i++) {
      c = compareIdentifiers(preRelease.get(i), o.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), o.preRelease.size());
  }

  private static int compareIdentifiers(String a, String b) {
    boolean numericA = a.chars().allMatch(Character::isDigit);
    boolean numericB = b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
