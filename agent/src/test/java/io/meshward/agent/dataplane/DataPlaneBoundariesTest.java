package io.meshward.agent.dataplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The data plane builds on the WireGuard backend interface and the key classes only; the link, the
 * CLI and the state directory compose it, never the other way round.
 */
class DataPlaneBoundariesTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshward.agent");

  @Test
  void dataPlaneKnowsNothingOfTheLinkCliStateOrGrpc() {
    noClasses()
        .that()
        .resideInAPackage("io.meshward.agent.dataplane..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.grpc..",
            "io.meshward.agent.link..",
            "io.meshward.agent.cli..",
            "io.meshward.agent.state..",
            "io.meshward.agent.posture..")
        .check(classes);
  }
}
