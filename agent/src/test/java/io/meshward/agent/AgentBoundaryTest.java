package io.meshward.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The agent talks to the coordinator over the protocol, never through its code. */
class AgentBoundaryTest {

  @Test
  void neverReachesIntoTheCoordinator() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meshward.agent");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshward.coordinator..", "org.springframework..")
        .check(classes);
  }
}
