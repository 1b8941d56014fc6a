package io.meshward.coordinator.policies;

/**
 * Compiles a bundle and runs its tests. Implemented by the policy engine integration; the
 * coordinator refuses uploads (fail closed) while no implementation is present.
 */
public interface PolicyBundleValidator {

  PolicyValidationReport validate(PolicyBundleSource bundle);
}
