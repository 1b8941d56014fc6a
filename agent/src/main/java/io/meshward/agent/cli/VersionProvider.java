package io.meshward.agent.cli;

import io.meshward.agent.posture.AgentVersion;
import picocli.CommandLine.IVersionProvider;

/** `meshward-agent --version`. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"meshward-agent " + AgentVersion.current()};
  }
}
