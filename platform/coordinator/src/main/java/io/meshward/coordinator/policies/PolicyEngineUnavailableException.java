package io.meshward.coordinator.policies;

/** No policy validator is installed, so no bundle can be checked — and none is accepted. */
public class PolicyEngineUnavailableException extends RuntimeException {

  PolicyEngineUnavailableException() {
    super(
        "no policy engine is configured on this coordinator, so policy bundles cannot be validated"
            + " and are refused");
  }
}
