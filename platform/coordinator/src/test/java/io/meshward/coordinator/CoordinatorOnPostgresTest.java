package io.meshward.coordinator;

import io.meshward.coordinator.testing.TestDatabase;

/** The coordinator scenarios on PostgreSQL (zonky embedded binaries). */
class CoordinatorOnPostgresTest extends CoordinatorScenarios {

  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
