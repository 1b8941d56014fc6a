package io.meshward.agent.dataplane;

import java.util.List;

/**
 * Lets through only what each peer may send to this device on the mesh interface: established
 * traffic, and new traffic matching the peer's inbound rules. Everything else arriving on that
 * interface is dropped. Other interfaces are not affected.
 */
public interface PortFilter {

  /** Replaces the whole rule set of the interface in one step; a failure leaves the old one. */
  void apply(String interfaceName, List<PeerPortRules> peers);

  /** Removes everything {@link #apply} installed for the interface; nothing happens if absent. */
  void remove(String interfaceName);
}
