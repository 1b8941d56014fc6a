package io.meshward.plugin.api;

/**
 * The version of this plugin API. The host loads a plugin built for the same major version and
 * refuses any other, naming both versions.
 *
 * @param major incremented on incompatible changes
 * @param minor incremented on compatible additions
 */
public record ApiVersion(int major, int minor) {

  /**
   * The attribute naming the API version a plugin was built for, in its {@code plugin.properties}
   * or its jar manifest: {@code Meshward-Plugin-Api: 1.0}.
   */
  public static final String ATTRIBUTE = "Meshward-Plugin-Api";

  /** The API version this jar provides. */
  public static final ApiVersion CURRENT = new ApiVersion(1, 0);

  public ApiVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("API version parts must be non-negative");
    }
  }

  /** Parses {@code "1.0"} or {@code "1"}. */
  public static ApiVersion parse(String text) {
    String[] parts = text.trim().split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return new ApiVersion(major, minor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not an API version: '" + text + "' (expected e.g. 1.0)");
    }
  }

  /** Whether a plugin built for {@code other} can run on this API. */
  public boolean isCompatibleWith(ApiVersion other) {
    return major == other.major;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
