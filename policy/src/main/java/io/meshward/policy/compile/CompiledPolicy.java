package io.meshward.policy.compile;

import io.meshward.policy.ast.Module;
import io.meshward.policy.builtins.BuiltinTable;
import java.util.List;
import java.util.Map;

/**
 * The result of compiling a set of modules: the virtual document tree, immutable and shared by all
 * evaluations.
 *
 * @param root the tree of rule sets under {@code data}
 * @param ruleSets every rule set by dotted path
 * @param modules the parsed modules
 * @param builtins the builtins calls resolve against
 */
public record CompiledPolicy(
    RuleNode root, Map<String, RuleSet> ruleSets, List<Module> modules, BuiltinTable builtins) {}
