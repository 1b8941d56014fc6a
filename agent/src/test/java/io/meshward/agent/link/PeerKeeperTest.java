package io.meshward.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.RemotePeer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerKeeperTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<Optional<NetworkMap>> applied = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void dropsThePeersOnceTheCoordinatorStaysAwayTooLong() throws Exception {
    PeerKeeper keeper = new PeerKeeper(Duration.ofMillis(50), scheduler, applied::add);
    NetworkMap map = map(1, "a");

    keeper.received(map);
    keeper.disconnected();
    keeper.disconnected(); // A second failure must not restart the clock.
    awaitSize(2);

    assertThat(applied).containsExactly(Optional.of(map), Optional.empty());
  }

  @Test
  void contactInTimeKeepsThePeers() throws Exception {
    PeerKeeper keeper = new PeerKeeper(Duration.ofMillis(200), scheduler, applied::add);
    keeper.received(map(1, "a"));
    keeper.disconnected();
    keeper.received(map(2, "a", "b"));

    // Let any wrongly kept timer fire: nothing beyond the two maps may be applied.
    scheduler.schedule(() -> {}, 400, TimeUnit.MILLISECONDS).get();
    assertThat(applied).hasSize(2).allMatch(Optional::isPresent);
  }

  @Test
  void nothingToDropBeforeTheFirstMap() throws Exception {
    PeerKeeper keeper = new PeerKeeper(Duration.ofMillis(10), scheduler, applied::add);
    keeper.disconnected();
    scheduler.schedule(() -> {}, 100, TimeUnit.MILLISECONDS).get();
    assertThat(applied).isEmpty();
  }

  private void awaitSize(int size) throws InterruptedException {
    for (int i = 0; i < 500 && applied.size() < size; i++) {
      Thread.sleep(10);
    }
  }

  private static NetworkMap map(long serial, String... peers) {
    NetworkMap.Builder map = NetworkMap.newBuilder().setSerial(serial);
    for (String peer : peers) {
      map.addPeers(RemotePeer.newBuilder().setPeerId(peer));
    }
    return map.build();
  }
}
