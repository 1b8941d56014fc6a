package io.meshward.policy.compile;

import io.meshward.policy.ast.Expr;
import java.util.List;

/**
 * A query ready to evaluate.
 *
 * @param body reordered literals
 * @param slots frame size
 * @param slotNames source name per slot
 * @param outputs slots whose bindings a result row reports (named, non-generated vars)
 * @param text the query text
 */
public record CompiledQuery(
    List<Expr> body, int slots, List<String> slotNames, List<Integer> outputs, String text) {}
