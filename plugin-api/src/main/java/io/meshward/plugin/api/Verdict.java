package io.meshward.plugin.api;

import java.util.Locale;

/** What a posture check concluded. Anything but PASS denies when a policy requires the check. */
public enum Verdict {
  PASS,
  FAIL,
  /** The check could not decide: missing facts, an unreachable service, a misbehaving plugin. */
  UNKNOWN;

  /** The lower-case name the policy sees: {@code pass}, {@code fail}, {@code unknown}. */
  public String policyName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
