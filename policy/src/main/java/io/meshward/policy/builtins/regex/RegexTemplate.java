package io.meshward.policy.builtins.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.meshward.policy.builtins.BuiltinException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a template such as {@code urn:foo:{.*}} into one anchored pattern: text outside the
 * delimiters is literal, text inside is a regular expression. Delimiters nest.
 */
final class RegexTemplate {

  private RegexTemplate() {}

  static Pattern compile(String template, char start, char end) throws BuiltinException {
    List<int[]> regions = new ArrayList<>();
    int level = 0;
    int open = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == start) {
        if (++level == 1) {
          open = i;
        }
      } else if (c == end) {
        level--;
        if (level == 0) {
          regions.add(new int[] {open, i + 1});
        } else if (level < 0) {
          throw unbalanced(template);
        }
      }
    }
    if (level != 0) {
      throw unbalanced(template);
    }
    StringBuilder pattern = new StringBuilder("^");
    int last = 0;
    for (int[] region : regions) {
      String regex = template.substring(region[0] + 1, region[1] - 1);
      try {
        Pattern.compile("^" + regex + "$");
      } catch (PatternSyntaxException e) {
        throw new BuiltinException(e.getMessage());
      }
      pattern.append(Pattern.quote(template.substring(last, region[0])));
      pattern.append('(').append(regex).append(')');
      last = region[1];
    }
    pattern.append(Pattern.quote(template.substring(last))).append('$');
    try {
      return Pattern.compile(pattern.toString());
    } catch (PatternSyntaxException e) {
      throw new BuiltinException(e.getMessage());
    }
  }

  private static BuiltinException unbalanced(String template) {
    return new BuiltinException("unbalanced braces in \"" + template + "\"");
  }
}
