package io.meshward.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStateTest {

  @TempDir Path temp;

  @Test
  void oneLockPerStateDirectory() {
    StateDirectory directory = new StateDirectory(temp);
    try (InstanceLock first = InstanceLock.tryAcquire(directory).orElseThrow()) {
      assertThat(InstanceLock.tryAcquire(directory)).isEmpty();
    }
    assertThat(InstanceLock.tryAcquire(directory)).isPresent().get().satisfies(InstanceLock::close);
  }

  @Test
  void aRecycledPidIsNotOurs() {
    StateDirectory directory = new StateDirectory(temp);
    AgentProcess self = AgentProcess.current();
    self.write(directory);

    assertThat(AgentProcess.read(directory)).contains(self);
    assertThat(self.handle()).isPresent();
    assertThat(new AgentProcess(self.pid(), Instant.parse("2001-01-01T00:00:00Z")).handle())
        .isEmpty();
    AgentProcess.remove(directory);
    assertThat(AgentProcess.read(directory)).isEmpty();
  }
}
