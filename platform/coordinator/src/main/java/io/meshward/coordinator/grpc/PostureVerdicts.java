package io.meshward.coordinator.grpc;

import io.meshward.coordinator.posture.PostureService;
import io.meshward.protocol.v1.PostureVerdict;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The posture plugin host's current verdicts about a device, as the agent protocol states them. */
@Component
class PostureVerdicts {

  private final ObjectProvider<PostureService> posture;

  PostureVerdicts(ObjectProvider<PostureService> posture) {
    this.posture = posture;
  }

  List<PostureVerdict> of(String peerId) {
    PostureService service = posture.getIfAvailable();
    if (service == null) {
      return List.of();
    }
    return new TreeMap<>(service.policyInput(peerId))
        .entrySet().stream()
            .map(
                e -> {
                  var verdict = PostureVerdict.newBuilder().setPluginId(e.getKey());
                  if (e.getValue() instanceof Map<?, ?> details) {
                    verdict.setVerdict(String.valueOf(details.get("verdict")));
                    Object reason = details.get("reason");
                    verdict.setReason(reason == null ? "" : reason.toString());
                  } else {
                    verdict.setVerdict("unknown");
                  }
                  return verdict.build();
                })
            .toList();
  }
}
