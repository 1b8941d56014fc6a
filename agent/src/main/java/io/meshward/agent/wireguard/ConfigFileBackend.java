package io.meshward.agent.wireguard;

import io.meshward.agent.state.StateDirectory;

/** Writes {@code <state-dir>/wg/<interface>.conf} atomically with mode 0600. */
public final class ConfigFileBackend implements WireGuardBackend {

  private final StateDirectory directory;

  public ConfigFileBackend(StateDirectory directory) {
    this.directory = directory;
  }

  public static String relativePath(String interfaceName) {
    return "wg/" + InterfaceConfig.requireInterfaceName(interfaceName) + ".conf";
  }

  @Override
  public void apply(InterfaceConfig config) {
    // Render first: a bad value fails here and the old file stays as it was.
    String text = WgQuickFormat.render(config);
    directory.writeString(relativePath(config.interfaceName()), text);
  }

  @Override
  public void remove(String interfaceName) {
    directory.delete(relativePath(interfaceName));
  }

  @Override
  public String describe(String interfaceName) {
    return directory.resolve(relativePath(interfaceName)).toString();
  }
}
