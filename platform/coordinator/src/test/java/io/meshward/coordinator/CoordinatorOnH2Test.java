package io.meshward.coordinator;

import io.meshward.coordinator.testing.TestDatabase;

/** The coordinator scenarios on the embedded default database. */
class CoordinatorOnH2Test extends CoordinatorScenarios {

  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
