package io.meshward.coordinator.decisions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Why a directed pair is allowed or denied, as {@code GET /api/v1/decisions} answers it and the
 * audit log records it when the decision flips.
 *
 * @param decision {@code allow} or {@code deny}
 * @param rules the rules that decided (METADATA ids, titles, or {@code package.rule})
 * @param denyReasons the {@code deny} elements that fired
 * @param ports the {@code ports} entries of an allowed pair (empty: every port)
 * @param posture the posture verdicts and facts of {@code source} and {@code destination}
 * @param failed for a denial, which condition failed
 * @param engine {@code rego} or {@code opa}
 * @param policyVersion the active bundle version, null without one
 */
public record Explanation(
    String source,
    String destination,
    String decision,
    List<String> rules,
    @JsonProperty("deny_reasons") List<String> denyReasons,
    List<String> ports,
    Map<String, JsonNode> posture,
    String failed,
    String engine,
    @JsonProperty("policy_version") Integer policyVersion) {}
