package io.meshward.policy.builtins.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code regexp} operations on top of a compiled re2j pattern. re2j shares Go's syntax and
 * matching, but its iteration and replacement follow {@code java.util.regex}; these reproduce Go's
 * rules, e.g. that an empty match right after a previous match is skipped.
 */
final class GoRegex {

  private GoRegex() {}

  /** The [start, end] offsets of each group (-1 when a group did not take part), per match. */
  static List<int[]> findAll(Pattern pattern, String s, int limit) {
    List<int[]> found = new ArrayList<>();
    if (limit == 0) {
      return found;
    }
    Matcher m = pattern.matcher(s);
    int groups = m.groupCount();
    int pos = 0;
    int prevMatchEnd = -1;
    while (pos <= s.length() && (limit < 0 || found.size() < limit)) {
      if (!m.find(pos)) {
        break;
      }
      boolean accept = true;
      if (m.end() == pos) {
        // An empty match: skip it when it abuts the previous match, then step one character.
        if (m.start() == prevMatchEnd) {
          accept = false;
        }
        pos += pos < s.length() ? Character.charCount(s.codePointAt(pos)) : 1;
      } else {
        pos = m.end();
      }
      prevMatchEnd = m.end();
      if (accept) {
        int[] offsets = new int[2 * (groups + 1)];
        for (int g = 0; g <= groups; g++) {
          offsets[2 * g] = m.start(g);
          offsets[2 * g + 1] = m.end(g);
        }
        found.add(offsets);
      }
    }
    return found;
  }

  /** Go's {@code Regexp.Split(s, -1)}. */
  static List<String> split(Pattern pattern, String s) {
    List<String> parts = new ArrayList<>();
    if (!pattern.pattern().isEmpty() && s.isEmpty()) {
      parts.add("");
      return parts;
    }
    int begin = 0;
    int end = 0;
    for (int[] match : findAll(pattern, s, -1)) {
      end = match[0];
      if (match[1] != 0) {
        parts.add(s.substring(begin, end));
      }
      begin = match[1];
    }
    if (end != s.length()) {
      parts.add(s.substring(begin));
    }
    return parts;
  }

  /** Go's {@code Regexp.ReplaceAllString}: {@code $1}, {@code ${name}} and {@code $$} expand. */
  static String replaceAll(Pattern pattern, String src, String template) {
    Matcher m = pattern.matcher(src);
    int groups = m.groupCount();
    Map<String, Integer> names = pattern.namedGroups();
    StringBuilder out = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= src.length()) {
      if (!m.find(searchPos)) {
        break;
      }
      int start = m.start();
      int end = m.end();
      out.append(src, lastMatchEnd, start);
      // No replacement for an empty match immediately after another match.
      if (end > lastMatchEnd || start == 0) {
        int[] offsets = new int[2 * (groups + 1)];
        for (int g = 0; g <= groups; g++) {
          offsets[2 * g] = m.start(g);
          offsets[2 * g + 1] = m.end(g);
        }
        expand(out, template, src, offsets, names);
      }
      lastMatchEnd = end;
      int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
      if (searchPos + width > end) {
        searchPos += width;
      } else if (searchPos + 1 > end) {
        searchPos++;
      } else {
        searchPos = end;
      }
    }
    out.append(src, Math.min(lastMatchEnd, src.length()), src.length());
    return out.toString();
  }

  /** Go's {@code Regexp.Expand}: appends {@code template} with group references substituted. */
  static void expand(
      StringBuilder out, String template, String src, int[] offsets, Map<String, Integer> names) {
    int i = 0;
    while (i < template.length()) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      boolean brace = i < template.length() && template.charAt(i) == '{';
      int nameStart = brace ? i + 1 : i;
      int j = nameStart;
      while (j < template.length()) {
        int cp = template.codePointAt(j);
        if (cp == '_' || Character.isLetter(cp) || Character.isDigit(cp)) {
          j += Character.charCount(cp);
        } else {
          break;
        }
      }
      if (j == nameStart || (brace && (j >= template.length() || template.charAt(j) != '}'))) {
        // Malformed reference: the dollar stays as text.
        out.append('$');
        continue;
      }
      String name = template.substring(nameStart, j);
      i = brace ? j + 1 : j;
      int group = groupNumber(name);
      if (group < 0) {
        Integer named = names.get(name);
        group = named == null ? -1 : named;
      }
      if (group >= 0 && 2 * group + 1 < offsets.length && offsets[2 * group] >= 0) {
        out.append(src, offsets[2 * group], offsets[2 * group + 1]);
      }
    }
    out.append(template, Math.min(i, template.length()), template.length());
  }

  private static int groupNumber(String name) {
    int num = 0;
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      num = num * 10 + (c - '0');
      if (num >= 100_000_000) {
        return -1;
      }
    }
    return num;
  }
}
