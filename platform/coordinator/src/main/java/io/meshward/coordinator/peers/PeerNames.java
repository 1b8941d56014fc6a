package io.meshward.coordinator.peers;

import java.util.Locale;

/** Turns a reported hostname into a peer name: a DNS label, unique within the account. */
final class PeerNames {

  private PeerNames() {}

  static String fromHostname(String hostname) {
    String label = hostname == null ? "" : hostname.split("\\.", 2)[0];
    label = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
    label = label.replaceAll("^-+|-+$", "");
    if (label.isEmpty()) {
      label = "peer";
    }
    return label.length() > 56 ? label.substring(0, 56) : label;
  }
}
