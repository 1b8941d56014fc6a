package io.meshward.policy.compile;

/**
 * Compiler switches.
 *
 * @param indexThreshold rule sets with at least this many definitions get a rule index
 */
public record CompileOptions(int indexThreshold) {

  public static final CompileOptions DEFAULT = new CompileOptions(8);
}
