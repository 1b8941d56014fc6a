package io.meshward.agent.dataplane;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the per-field forms of {@code wg show <interface> <field>}: one line per peer, the public
 * key, a tab, then the value. These forms never print the private key (unlike {@code dump}).
 */
final class WgShowOutput {

  private static final String NONE = "(none)";

  private WgShowOutput() {}

  /** {@code wg show <if> allowed-ips}: key, tab, space-separated prefixes or "(none)". */
  static Map<String, Set<String>> allowedIps(String output) {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (String[] fields : lines(output)) {
      Set<String> prefixes = new HashSet<>();
      if (fields.length > 1 && !fields[1].strip().equals(NONE)) {
        prefixes.addAll(Arrays.asList(fields[1].strip().split("\\s+")));
      }
      result.put(fields[0], prefixes);
    }
    return result;
  }

  /** {@code wg show <if> endpoints}: key, tab, host:port or "(none)". */
  static Map<String, Optional<String>> endpoints(String output) {
    Map<String, Optional<String>> result = new HashMap<>();
    for (String[] fields : lines(output)) {
      String value = fields.length > 1 ? fields[1].strip() : NONE;
      result.put(fields[0], value.equals(NONE) ? Optional.empty() : Optional.of(value));
    }
    return result;
  }

  /** {@code wg show <if> latest-handshakes}: key, tab, seconds since the epoch (0 = never). */
  static Map<String, Long> latestHandshakes(String output) {
    Map<String, Long> result = new HashMap<>();
    for (String[] fields : lines(output)) {
      result.put(fields[0], fields.length > 1 ? Long.parseLong(fields[1].strip()) : 0L);
    }
    return result;
  }

  /** {@code wg show <if> persistent-keepalive}: key, tab, seconds or "off". */
  static Map<String, Integer> persistentKeepalives(String output) {
    Map<String, Integer> result = new HashMap<>();
    for (String[] fields : lines(output)) {
      String value = fields.length > 1 ? fields[1].strip() : "off";
      result.put(fields[0], value.equals("off") ? 0 : Integer.parseInt(value));
    }
    return result;
  }

  /** Joins the four outputs into one record per peer. */
  static Map<String, LivePeer> peers(
      String allowedIps, String endpoints, String handshakes, String keepalives) {
    Map<String, Optional<String>> endpointByKey = endpoints(endpoints);
    Map<String, Long> handshakeByKey = latestHandshakes(handshakes);
    Map<String, Integer> keepaliveByKey = persistentKeepalives(keepalives);
    Map<String, LivePeer> result = new LinkedHashMap<>();
    allowedIps(allowedIps)
        .forEach(
            (key, prefixes) ->
                result.put(
                    key,
                    new LivePeer(
                        key,
                        prefixes,
                        endpointByKey.getOrDefault(key, Optional.empty()),
                        handshakeByKey.getOrDefault(key, 0L),
                        keepaliveByKey.getOrDefault(key, 0))));
    return result;
  }

  private static Iterable<String[]> lines(String output) {
    return output.lines().filter(line -> !line.isBlank()).map(line -> line.split("\t", 2)).toList();
  }
}
