package io.meshward.plugin.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Vendors compile against this jar alone, so it may reach nothing but PF4J and the JDK. */
class PluginApiBoundaryTest {

  @Test
  void dependsOnlyOnPf4jAndTheJdk() {
    var apiClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meshward.plugin.api");
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "javax.annotation..", "org.pf4j..", "io.meshward.plugin.api..")
        .check(apiClasses);
  }
}
