package io.meshward.policy.rego;

import io.meshward.policy.ast.Location;

/**
 * The outcome of one {@code test_*} rule.
 *
 * @param name the rule path
 * @param location where the test is defined
 * @param passed whether it evaluated to a value other than false
 * @param error the evaluation error, or null
 * @param nanos how long it took
 */
public record TestResult(
    String name, Location location, boolean passed, RegoError error, long nanos) {}
