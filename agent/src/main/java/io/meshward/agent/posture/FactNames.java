package io.meshward.agent.posture;

/** The flat dotted fact keys the agent reports; posture plugins read exactly these. */
public final class FactNames {

  public static final String OS_PLATFORM = "os.platform";
  public static final String OS_VERSION = "os.version";
  public static final String OS_KERNEL = "os.kernel";
  public static final String OS_DISTRIBUTION = "os.distribution";
  public static final String DISK_VOLUMES = "disk.volumes";
  public static final String AGENT_VERSION = "agent.version";
  public static final String HOST_NAME = "host.name";
  public static final String NET_ADDRESSES = "net.addresses";

  private FactNames() {}
}
