package io.meshward.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** What {@code meshward-agent status --json} printed for one agent. */
record AgentStatus(String agent, JsonNode json) {

  boolean running() {
    return json.path("running").asBoolean(false);
  }

  boolean connected() {
    return json.path("status").path("link").path("connected").asBoolean(false);
  }

  /** Names of the peers in the agent's current list, sorted. */
  List<String> peerNames() {
    List<String> names = new ArrayList<>();
    for (JsonNode peer : json.path("status").path("peers")) {
      names.add(peer.path("name").asString());
    }
    names.sort(null);
    return names;
  }

  Optional<String> peerPublicKey(String peerName) {
    for (JsonNode peer : json.path("status").path("peers")) {
      if (peer.path("name").asString().equals(peerName)) {
        return Optional.of(peer.path("publicKey").asString());
      }
    }
    return Optional.empty();
  }

  /** The verdict the coordinator returned for the last posture report, by plugin id. */
  Optional<String> verdict(String pluginId) {
    for (JsonNode verdict : json.path("status").path("posture").path("verdicts")) {
      if (verdict.path("pluginId").asString().equals(pluginId)) {
        return Optional.of(verdict.path("verdict").asString());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return agent + ": " + json;
  }
}
