package io.meshward.e2e;

import java.util.List;

/** The end-to-end scenario on the coordinator's embedded defaults (H2 in its data directory). */
class MeshOnH2IT extends MeshScenario {

  @Override
  List<String> databaseArguments() {
    return List.of();
  }
}
