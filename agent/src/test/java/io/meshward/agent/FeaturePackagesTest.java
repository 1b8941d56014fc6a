package io.meshward.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The feature packages depend one way: cli composes them, none of them reaches back. */
class FeaturePackagesTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshward.agent");

  @Test
  void onlyTheEntryPointUsesTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.meshward.agent.cli..")
        .and()
        .doNotHaveFullyQualifiedName(AgentMain.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.meshward.agent.cli..")
        .check(classes);
  }

  @Test
  void keysPostureStateAndWireGuardKnowNothingOfGrpc() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.meshward.agent.keys..",
            "io.meshward.agent.posture..",
            "io.meshward.agent.state..",
            "io.meshward.agent.wireguard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.grpc..", "io.meshward.protocol..", "io.meshward.agent.link..")
        .check(classes);
  }
}
