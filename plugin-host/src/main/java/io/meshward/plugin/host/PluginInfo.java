package io.meshward.plugin.host;

import java.util.Optional;

/**
 * What an operator sees about one plugin artifact.
 *
 * @param id the plugin's id, or the artifact's file name when it was refused before its id was read
 * @param version the plugin's version, or empty if unknown
 * @param apiVersion the plugin API version the plugin was built for, or empty if unknown
 * @param state started, refused or failed
 * @param lastError why it was refused or failed, or empty
 * @param artifact the artifact's file name in the plugin directory
 */
public record PluginInfo(
    String id,
    String version,
    String apiVersion,
    LoadState state,
    Optional<String> lastError,
    String artifact) {

  static PluginInfo refused(String id, String artifact, String apiVersion, String why) {
    return new PluginInfo(id, "", apiVersion, LoadState.REFUSED, Optional.of(why), artifact);
  }

  static PluginInfo failed(
      String id, String version, String apiVersion, String artifact, String why) {
    return new PluginInfo(id, version, apiVersion, LoadState.FAILED, Optional.of(why), artifact);
  }
}
