package io.meshward.policy.builtins.valuetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every value builtin is declared with OPA's arity and types, as capabilities.json lists them. */
class ValueBuiltinSignaturesTest {

  private final BuiltinHarness valueFamilies = BuiltinHarness.ofValueFamilies();

  @Test
  void signaturesMatchOpaCapabilities() throws IOException {
    assumeTrue(BuiltinHarness.capabilitiesAvailable(), "capabilities.json not available");
    assertThat(valueFamilies.capabilityMismatches()).isEmpty();
  }

  @Test
  void everyFamilyDeclaresSomething() {
    assertThat(valueFamilies.table().all()).hasSize(94);
    assertThat(valueFamilies.table().lookup("sprintf")).isPresent();
  }
}
