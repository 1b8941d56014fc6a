package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccessDecision.PortRule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the entries of the policy's {@code ports} set: {@code "tcp/22"}, {@code "udp/53"}, {@code
 * "tcp/8000-8100"}, {@code "tcp"} (every TCP port), {@code "icmp"} and {@code "any"}.
 */
final class PortSpecs {

  private static final Pattern SPEC =
      Pattern.compile("(tcp|udp)(?:/([0-9]{1,5})(?:-([0-9]{1,5}))?)?");

  private PortSpecs() {}

  /**
   * @throws IllegalArgumentException saying what is wrong with the entry
   */
  static PortRule parse(String spec) {
    String s = spec.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("any")) {
      return PortRule.any();
    }
    if (s.equals("icmp")) {
      return new PortRule("icmp", 0, 0);
    }
    Matcher m = SPEC.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "ports entry '"
              + spec
              + "' is not one of \"tcp/22\", \"udp/53\", \"tcp/8000-8100\", \"tcp\", \"udp\","
              + " \"icmp\", \"any\"");
    }
    if (m.group(2) == null) {
      return new PortRule(m.group(1), 0, 0);
    }
    int from = Integer.parseInt(m.group(2));
    int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
    if (from < 1 || to > 65535 || from > to) {
      throw new IllegalArgumentException(
          "ports entry '" + spec + "' has no valid port range (1-65535, low-high)");
    }
    return new PortRule(m.group(1), from, to);
  }
}
