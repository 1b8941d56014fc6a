package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccessDecider;
import io.meshward.coordinator.policies.PolicyBundleValidator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs the Rego-backed validator and access decider. An auto-configuration, so that it runs
 * after the application's own beans: a deployment (or a test) that defines its own decider or
 * validator keeps it.
 */
@AutoConfiguration
public class DecisionsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(PolicyBundleValidator.class)
  RegoBundleValidator regoBundleValidator(DecisionsProperties properties) {
    return new RegoBundleValidator(properties);
  }

  @Bean
  @ConditionalOnMissingBean(AccessDecider.class)
  PolicyAccessDecider policyAccessDecider(
      PairEvaluators evaluators, DecisionExplainer explainer, JsonMapper json) {
    return new PolicyAccessDecider(evaluators, explainer, json);
  }
}
