package io.meshward.plugin.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The host library stays plain Java so the test kit can load plugins exactly as the coordinator.
 */
class PluginHostBoundaryTest {

  @Test
  void knowsNothingOfSpringOrTheCoordinator() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "io.meshward.coordinator..", "org.junit..", "io.grpc..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.meshward.plugin.host"));
  }
}
