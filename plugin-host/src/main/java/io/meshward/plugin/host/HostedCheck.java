package io.meshward.plugin.host;

import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.PostureCheck;
import java.util.Map;

/**
 * A started plugin's check.
 *
 * @param pluginId the plugin's id: the key its facts appear under in the policy input
 * @param check the plugin's check, an object of the plugin's class loader
 * @param declarations the facts it declared, by name
 * @param classLoader the plugin's class loader, made the context class loader while it runs
 */
public record HostedCheck(
    String pluginId,
    PostureCheck check,
    Map<String, FactDeclaration> declarations,
    ClassLoader classLoader) {

  public HostedCheck {
    declarations = Map.copyOf(declarations);
  }
}
