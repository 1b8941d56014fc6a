package io.meshward.policy.eval;

import io.meshward.policy.ast.Location;

/**
 * A rule that produced a value during an evaluation.
 *
 * @param rule the rule path, e.g. {@code data.authz.allow}
 * @param location where the producing definition starts
 * @param id the METADATA {@code custom.id}, or null
 * @param title the METADATA {@code title}, or null
 */
public record TraceEvent(String rule, Location location, String id, String title) {}
