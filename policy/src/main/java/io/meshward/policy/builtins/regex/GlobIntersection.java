package io.meshward.policy.builtins.regex;

import io.meshward.policy.builtins.BuiltinException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether two glob-like regular expressions, both anchored at start and end, match at least
 * one common non-empty string. The syntax is deliberately small: {@code .} any character, {@code
 * [a-z0-9]} classes, {@code *} and {@code +} after any of those, and {@code \} escaping the next
 * character; everything else is literal.
 */
final class GlobIntersection {

  /** One character set: ranges of code points, or any character when {@code any}. */
  private record CharSet(boolean any, List<int[]> ranges) {
    boolean intersects(CharSet other) {
      if (any || other.any) {
        return any ? !other.ranges.isEmpty() || other.any : !ranges.isEmpty();
      }
      for (int[] a : ranges) {
        for (int[] b : other.ranges) {
          if (a[0] <= b[1] && b[0] <= a[1]) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** A character set with how often it repeats: once, or zero-or-more (a plus is once + star). */
  private record Token(CharSet set, boolean star) {}

  private GlobIntersection() {}

  static boolean nonEmpty(String glob1, String glob2) throws BuiltinException {
    List<Token> a = tokenize(glob1);
    List<Token> b = tokenize(glob2);
    // Search the product of both automata; a state is (position in a, position in b, consumed?).
    Deque<int[]> queue = new ArrayDeque<>();
    Set<Long> seen = new HashSet<>();
    push(queue, seen, 0, 0, 0);
    while (!queue.isEmpty()) {
      int[] state = queue.poll();
      int i = state[0];
      int j = state[1];
      int consumed = state[2];
      if (i == a.size() && j == b.size() && consumed == 1) {
        return true;
      }
      if (i < a.size() && a.get(i).star()) {
        push(queue, seen, i + 1, j, consumed);
      }
      if (j < b.size() && b.get(j).star()) {
        push(queue, seen, i, j + 1, consumed);
      }
      if (i < a.size() && j < b.size() && a.get(i).set().intersects(b.get(j).set())) {
        push(queue, seen, a.get(i).star() ? i : i + 1, b.get(j).star() ? j : j + 1, 1);
      }
    }
    return false;
  }

  private static void push(Deque<int[]> queue, Set<Long> seen, int i, int j, int consumed) {
    long key = ((long) i << 32) | ((long) j << 1) | consumed;
    if (seen.add(key)) {
      queue.add(new int[] {i, j, consumed});
    }
  }

  private static List<Token> tokenize(String glob) throws BuiltinException {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < glob.length()) {
      int cp = glob.codePointAt(i);
      CharSet set;
      if (cp == '\\') {
        i++;
        if (i >= glob.length()) {
          throw new BuiltinException("glob ends with an unfinished escape: \"" + glob + "\"");
        }
        int escaped = glob.codePointAt(i);
        set = single(escaped);
        i += Character.charCount(escaped);
      } else if (cp == '.') {
        set = new CharSet(true, List.of());
        i++;
      } else if (cp == '[') {
        List<int[]> ranges = new ArrayList<>();
        i++;
        boolean closed = false;
        while (i < glob.length()) {
          int c = glob.codePointAt(i);
          if (c == ']') {
            closed = true;
            i++;
            break;
          }
          if (c == '\\') {
            i++;
            if (i >= glob.length()) {
              break;
            }
            c = glob.codePointAt(i);
          }
          i += Character.charCount(c);
          int hi = c;
          if (i + 1 < glob.length() && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
            i++;
            hi = glob.codePointAt(i);
            if (hi == '\\' && i + 1 < glob.length()) {
              i++;
              hi = glob.codePointAt(i);
            }
            i += Character.charCount(hi);
            if (hi < c) {
              throw new BuiltinException("invalid character class range in \"" + glob + "\"");
            }
          }
          ranges.add(new int[] {c, hi});
        }
        if (!closed) {
          throw new BuiltinException("unterminated character class in \"" + glob + "\"");
        }
        if (ranges.isEmpty()) {
          throw new BuiltinException("empty character class in \"" + glob + "\"");
        }
        set = new CharSet(false, ranges);
      } else if (cp == '*' || cp == '+') {
        throw new BuiltinException(
            "'" + (char) cp + "' does not follow a character or class in \"" + glob + "\"");
      } else {
        set = single(cp);
        i += Character.charCount(cp);
      }
      if (i < glob.length() && glob.charAt(i) == '*') {
        tokens.add(new Token(set, true));
        i++;
      } else if (i < glob.length() && glob.charAt(i) == '+') {
        tokens.add(new Token(set, false));
        tokens.add(new Token(set, true));
        i++;
      } else {
        tokens.add(new Token(set, false));
      }
    }
    return tokens;
  }

  private static CharSet single(int cp) {
    return new CharSet(false, List.of(new int[] {cp, cp}));
  }
}
