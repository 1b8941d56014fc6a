package io.meshward.agent.wireguard;

/**
 * Makes the device's WireGuard interface match the desired configuration. Today the only backend
 * writes the configuration file; one driving wireguard-go or the kernel follows.
 */
public interface WireGuardBackend {

  /** Applies the whole configuration, replacing what was there. */
  void apply(InterfaceConfig config);

  /** Tears the interface down and removes what {@link #apply} created. */
  void remove(String interfaceName);

  /** Where the configuration goes, for `status`. */
  String describe(String interfaceName);
}
