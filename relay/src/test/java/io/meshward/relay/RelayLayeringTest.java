package io.meshward.relay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Inside the relay, dependencies point one way: the pipeline (session) and the coordinator feed
 * (control) use the policy model; the policy model knows neither, and the wire format knows nothing
 * above it.
 */
class RelayLayeringTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshward.relay");

  @Test
  void policyModelKnowsNoPipelineAndNoTransport() {
    noClasses()
        .that()
        .resideInAPackage("io.meshward.relay.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshward.relay.session..",
            "io.meshward.relay.control..",
            "io.netty.channel..",
            "io.grpc..")
        .check(CLASSES);
  }

  @Test
  void wireFormatKnowsNothingAboveIt() {
    noClasses()
        .that()
        .resideInAPackage("io.meshward.relay.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshward.relay.session..",
            "io.meshward.relay.control..",
            "io.meshward.relay.policy..",
            "io.meshward.relay.metrics..")
        .check(CLASSES);
  }

  @Test
  void pipelineDoesNotTalkToTheCoordinator() {
    noClasses()
        .that()
        .resideInAPackage("io.meshward.relay.session..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshward.relay.control..", "io.grpc..")
        .check(CLASSES);
  }
}
