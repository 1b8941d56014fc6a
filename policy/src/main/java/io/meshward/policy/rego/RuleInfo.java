package io.meshward.policy.rego;

import io.meshward.policy.ast.Annotations;
import io.meshward.policy.ast.Location;

/**
 * A rule definition as a host sees it, e.g. to show policy explanations.
 *
 * @param path the rule path, e.g. {@code data.authz.allow}
 * @param location where the definition starts
 * @param isDefault whether it is a {@code default} rule
 * @param id the METADATA {@code custom.id}, or null
 * @param title the METADATA {@code title}, or null
 * @param annotations the whole METADATA block, or null
 */
public record RuleInfo(
    String path,
    Location location,
    boolean isDefault,
    String id,
    String title,
    Annotations annotations) {}
