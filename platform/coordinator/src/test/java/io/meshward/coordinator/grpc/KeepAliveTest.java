package io.meshward.coordinator.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.testing.AgentDevice;
import io.meshward.coordinator.testing.Rest;
import io.meshward.coordinator.testing.RunningCoordinator;
import io.meshward.coordinator.testing.TestDatabase;
import io.meshward.protocol.v1.NetworkMap;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Agents and relays ping their calls to notice a coordinator that vanished without closing TCP.
 * gRPC servers answer pings more frequent than they permit (5 min unless told otherwise) with
 * GOAWAY "too_many_pings" after two strikes, which would end every agent's Sync stream: the
 * coordinator must permit what its clients send.
 */
class KeepAliveTest {

  @Test
  void aSyncStreamPingedMoreOftenThanGrpcsDefaultStaysOpen() throws Exception {
    try (var coordinator =
            RunningCoordinator.start(
                TestDatabase.H2,
                Files.createTempDirectory("meshward-keepalive-"),
                List.of("--meshward.grpc.permit-keep-alive-time=PT5S"));
        AgentDevice device = coordinator.device()) {
      String key =
          coordinator
              .admin()
              .post("/api/v1/setup-keys", Rest.json(Map.of("name", "k")))
              .json()
              .get("key")
              .asString();
      device.enrol(key, "laptop");
      var stream = device.syncWithKeepAlive(Duration.ofSeconds(10));
      assertThat(stream.nextMap()).isNotNull();

      // Three pings at 10 s: with gRPC's default permit time the second strike ends the stream.
      // (Maps may still arrive; only an end counts.)
      long deadline = System.nanoTime() + Duration.ofSeconds(35).toNanos();
      while (System.nanoTime() < deadline) {
        Object event = stream.poll(Duration.ofSeconds(1));
        assertThat(event)
            .as("nothing ends the stream while it is pinged")
            .satisfiesAnyOf(
                e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(NetworkMap.class));
      }
    }
  }
}
