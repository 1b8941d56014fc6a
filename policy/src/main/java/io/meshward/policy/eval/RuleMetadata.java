package io.meshward.policy.eval;

import io.meshward.policy.value.Value;

/** What {@code rego.metadata.rule()} and {@code rego.metadata.chain()} read from an evaluation. */
public interface RuleMetadata {

  /** The METADATA of the rule being evaluated, or an empty object. */
  Value metadataRule();

  /** The METADATA chain from the rule being evaluated up through its packages. */
  Value metadataChain();
}
