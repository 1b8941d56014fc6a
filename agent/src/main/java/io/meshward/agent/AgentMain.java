package io.meshward.agent;

/** Command-line entry point of the Meshward agent. */
public final class AgentMain {

  private AgentMain() {}

  public static void main(String[] args) {
    System.out.println("meshward-agent " + AgentMain.class.getPackage().getImplementationVersion());
  }
}
