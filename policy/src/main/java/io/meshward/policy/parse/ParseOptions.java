package io.meshward.policy.parse;

/**
 * Parser switches.
 *
 * @param experimentalKeywords accept OPA's experimental {@code and}/{@code or} keywords in bodies
 */
public record ParseOptions(boolean experimentalKeywords) {

  public static final ParseOptions DEFAULT = new ParseOptions(false);
}
