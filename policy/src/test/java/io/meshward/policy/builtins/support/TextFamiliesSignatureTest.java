package io.meshward.policy.builtins.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshward.policy.builtins.encoding.EncodingBuiltins;
import io.meshward.policy.builtins.encoding.JsonBuiltins;
import io.meshward.policy.builtins.encoding.YamlBuiltins;
import io.meshward.policy.builtins.glob.GlobBuiltins;
import io.meshward.policy.builtins.graphql.GraphqlBuiltins;
import io.meshward.policy.builtins.jsonschema.JsonSchemaBuiltins;
import io.meshward.policy.builtins.regex.RegexBuiltins;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.builtins.uri.UriBuiltins;
import org.junit.jupiter.api.Test;

/** Every builtin of the text families is declared with OPA's arity and types. */
class TextFamiliesSignatureTest {

  private final BuiltinHarness textFamilies =
      new BuiltinHarness(
          new RegexBuiltins(),
          new GlobBuiltins(),
          new EncodingBuiltins(),
          new JsonBuiltins(),
          new YamlBuiltins(),
          new UriBuiltins(),
          new JsonSchemaBuiltins(),
          new GraphqlBuiltins());

  @Test
  void declarationsMatchOpaCapabilities() throws Exception {
    assumeTrue(BuiltinHarness.capabilitiesAvailable(), "OPA capabilities.json not available");
    assertThat(textFamilies.capabilityMismatches()).isEmpty();
    assertThat(textFamilies.table().all()).hasSize(40);
  }
}
