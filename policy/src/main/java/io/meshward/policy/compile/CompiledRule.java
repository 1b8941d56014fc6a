package io.meshward.policy.compile;

import io.meshward.policy.ast.Annotations;
import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Location;
import io.meshward.policy.ast.Term;
import java.util.List;

/**
 * One rule definition (or one {@code else} branch) after name resolution and body reordering. Vars
 * are {@link Term.Local} slots of a frame of {@code slots} values.
 *
 * @param path the rule set this rule belongs to, e.g. {@code data.authz.allow}
 * @param args resolved function parameters, or null
 * @param keyPath head reference terms after the static prefix ({@code x} in {@code p[x] := y})
 * @param key the element of a {@code contains} rule, or null
 * @param value the head value (never null; {@code true} when not written)
 * @param body the reordered body
 * @param slots how many variable slots a frame needs
 * @param elseRule the next branch, or null
 * @param annotations METADATA of the rule, or null
 * @param slotNames the source name of each slot, for bindings and messages
 */
public record CompiledRule(
    String path,
    Location loc,
    boolean isDefault,
    List<Term> args,
    List<Term> keyPath,
    Term key,
    Term value,
    List<Expr> body,
    int slots,
    CompiledRule elseRule,
    Annotations annotations,
    List<String> slotNames) {}
