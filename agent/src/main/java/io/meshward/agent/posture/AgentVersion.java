package io.meshward.agent.posture;

/** The agent's version from the jar manifest ("dev" when run from classes). */
public final class AgentVersion {

  private AgentVersion() {}

  public static String current() {
    String version = AgentVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
