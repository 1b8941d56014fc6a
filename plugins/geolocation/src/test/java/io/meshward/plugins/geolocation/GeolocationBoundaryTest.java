package io.meshward.plugins.geolocation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A plugin sees the host only through plugin-api. */
class GeolocationBoundaryTest {

  @Test
  void reachesMeshwardOnlyThroughThePluginApi() {
    var pluginClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meshward.plugins.geolocation");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshward.coordinator..", "io.meshward.policy..", "io.meshward.protocol..")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "io.grpc..", "io.netty..")
        .check(pluginClasses);
  }
}
