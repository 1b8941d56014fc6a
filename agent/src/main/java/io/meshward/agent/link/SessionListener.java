package io.meshward.agent.link;

import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PostureVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the coordinator session tells the rest of the agent. Called from gRPC threads. */
public interface SessionListener {

  /** A new peer list: the whole truth, replacing the previous one. */
  void networkMap(NetworkMap map);

  /** The coordinator took these facts and answered with these verdicts. */
  void postureReported(Map<String, Object> facts, List<PostureVerdict> verdicts, Instant at);

  /** The link dropped; the session is already retrying. */
  void disconnected(String error);

  /** The coordinator no longer accepts this device; the session has stopped. */
  void revoked(LinkFailure failure);
}
