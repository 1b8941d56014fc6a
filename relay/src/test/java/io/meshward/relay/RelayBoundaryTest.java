package io.meshward.relay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The relay talks to the coordinator over the protocol, never through its code. */
class RelayBoundaryTest {

  @Test
  void neverReachesIntoTheCoordinator() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meshward.relay");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshward.coordinator..", "org.springframework..")
        .check(classes);
  }
}
