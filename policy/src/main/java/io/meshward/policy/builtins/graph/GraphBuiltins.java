package io.meshward.policy.builtins.graph;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reachability over a graph given as an object from each node to an array or set of its neighbours.
 * Nodes that are not keys of the graph are never reached.
 */
public final class GraphBuiltins implements BuiltinFamily {

  private static final String GRAPH = "object[any: array[any]|set[any]]";
  private static final String NODES = "array[any]|set[any]";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "graph.reachable", "(" + GRAPH + ", " + NODES + ") -> set[any]", GraphBuiltins::reachable);
    table.add(
        "graph.reachable_paths",
        "(" + GRAPH + ", " + NODES + ") -> set[array[any]]",
        GraphBuiltins::reachablePaths);
  }

  private static Value reachable(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ObjectValue graph = Args.object(args, 0);
    ArrayDeque<Value> queue = new ArrayDeque<>();
    for (Value start : startNodes(args)) {
      queue.add(start);
    }
    Set<Value> reached = new HashSet<>();
    int steps = 0;
    while (!queue.isEmpty()) {
      if ((++steps & 0xFFF) == 0) {
        ctx.checkBudget();
      }
      Value node = queue.poll();
      Value edges = graph.get(node);
      if (edges == null || !reached.add(node)) {
        continue;
      }
      for (Value neighbour : neighbours(edges)) {
        if (!reached.contains(neighbour)) {
          queue.add(neighbour);
        }
      }
    }
    return SetValue.of(reached);
  }

  /**
   * Every maximal path from each start node: a path ends at a node without neighbours, before a
   * neighbour that is not in the graph, or where it would revisit a node already on it.
   */
  private static Value reachablePaths(BuiltinContext ctx, Value[] args) throws BuiltinException {
    ObjectValue graph = Args.object(args, 0);
    Set<Value> paths = new HashSet<>();
    for (Value start : startNodes(args)) {
      walk(ctx, graph, start, new LinkedHashSet<>(), paths);
    }
    return SetValue.of(paths);
  }

  private static void walk(
      BuiltinContext ctx, ObjectValue graph, Value node, LinkedHashSet<Value> path, Set<Value> out)
      throws BuiltinException {
    ctx.checkBudget();
    Value edges = graph.get(node);
    if (edges == null) {
      if (!path.isEmpty()) {
        out.add(ArrayValue.of(new ArrayList<>(path)));
      }
      return;
    }
    Iterable<Value> next = neighbours(edges);
    path.add(node);
    if (hasNone(edges)) {
      out.add(ArrayValue.of(new ArrayList<>(path)));
    }
    for (Value neighbour : next) {
      if (path.contains(neighbour)) {
        out.add(ArrayValue.of(new ArrayList<>(path)));
      } else {
        walk(ctx, graph, neighbour, path, out);
      }
    }
    path.remove(node);
  }

  private static Iterable<Value> startNodes(Value[] args) throws BuiltinException {
    return switch (args[1]) {
      case ArrayValue a -> a;
      case SetValue s -> s;
      default -> throw Args.typeError(1, args[1], "array", "set");
    };
  }

  /** The neighbours of a node, iterated in place (sets are not copied). */
  private static Iterable<Value> neighbours(Value edges) {
    return switch (edges) {
      case ArrayValue a -> a;
      case SetValue s -> s;
      default -> List.of();
    };
  }

  private static boolean hasNone(Value edges) {
    return switch (edges) {
      case ArrayValue a -> a.isEmpty();
      case SetValue s -> s.isEmpty();
      default -> true;
    };
  }
}
