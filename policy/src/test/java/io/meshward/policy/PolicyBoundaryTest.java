package io.meshward.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is a plain library, usable from the CLI, the coordinator and tests alike. */
class PolicyBoundaryTest {

  @Test
  void usesNoFrameworks() {
    var policyClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meshward.policy");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.hibernate..",
            "jakarta.persistence..",
            "io.grpc..",
            "io.netty..",
            "io.meshward.coordinator..",
            "io.meshward.protocol..")
        .check(policyClasses);
  }
}
