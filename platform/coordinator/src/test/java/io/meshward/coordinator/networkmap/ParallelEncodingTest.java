package io.meshward.coordinator.networkmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.protocol.v1.PeerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maps encoded on the pool are the maps encoded one by one, applied in the order asked. */
class ParallelEncodingTest {

  static final int PEERS = 5 * ParallelEncoding.CHUNK + 7;

  final Map<String, AccountSnapshot.PeerFacts> peers = new LinkedHashMap<>();
  final AccessGraph graph = new AccessGraph();
  final MapEncoder encoder = new MapEncoder();
  final List<ParallelEncoding.Job> jobs = new ArrayList<>();

  ParallelEncodingTest() {
    for (int i = 0; i < PEERS; i++) {
      String id = "peer-" + i;
      peers.put(id, MapEncoderTest.peer(id, "host " + i, List.of("192.0.2." + i % 250 + ":51820")));
    }
    var allowed = new ArrayList<AccessDecision.AllowedConnection>();
    for (int i = 0; i < PEERS; i++) {
      for (int j = 0; j < PEERS; j++) {
        if (i != j && (i + j) % 3 != 0) {
          var rule = (i * j) % 2 == 0 ? MapEncoderTest.SSH : MapEncoderTest.ANY;
          allowed.add(
              new AccessDecision.AllowedConnection("peer-" + i, "peer-" + j, List.of(rule), "r"));
        }
      }
    }
    graph.replaceTouching(peers.keySet(), allowed, peers.keySet());
    encoder.update(peers);
    for (int i = PEERS - 1; i >= 0; i--) {
      String id = "peer-" + i;
      jobs.add(
          new ParallelEncoding.Job(
              id, PeerConfig.newBuilder().setPeerId(id).build(), List.of(), i + 1));
    }
  }

  @Test
  void poolResultsMatchOneByOneEncodingInJobOrder() {
    List<ParallelEncoding.Result> results = new ArrayList<>();
    try (var encoding = new ParallelEncoding(3)) {
      encoding.encode(encoder, graph, jobs, results::add);
    }
    assertThat(results).extracting(ParallelEncoding.Result::job).containsExactlyElementsOf(jobs);
    for (ParallelEncoding.Result result : results) {
      var job = result.job();
      var alone = encoder.encode(graph, job.self(), job.relays(), job.serial(), new HashMap<>());
      assertThat(result.map().bytes()).isEqualTo(alone.bytes());
      assertThat(result.digest()).isEqualTo(alone.digest());
    }
  }

  @Test
  void aFailureWhileApplyingStopsApplyingAndIsReported() {
    List<ParallelEncoding.Result> applied = new ArrayList<>();
    try (var encoding = new ParallelEncoding(2)) {
      assertThatThrownBy(
              () ->
                  encoding.encode(
                      encoder,
                      graph,
                      jobs,
                      r -> {
                        if (applied.size() == ParallelEncoding.CHUNK + 3) {
                          throw new IllegalStateException("send failed");
                        }
                        applied.add(r);
                      }))
          .hasMessage("send failed");
    }
    assertThat(applied).hasSize(ParallelEncoding.CHUNK + 3);
  }
}
