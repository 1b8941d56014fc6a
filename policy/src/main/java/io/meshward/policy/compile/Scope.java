package io.meshward.policy.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable scopes of one frame (a rule or query). Nested bodies (comprehensions, {@code every}) get
 * child scopes that share the frame's slots; each slot remembers the depth that owns it.
 */
final class Scope {

  private final Scope parent;
  private final Map<String, Integer> names = new HashMap<>();

  /** For variables declared with := or some: the index of the declaring literal. */
  private final Map<String, Integer> declaredAt = new HashMap<>();

  /** The index of the literal being resolved; nested scopes see later declarations as absent. */
  int current = Integer.MAX_VALUE;

  private final Frame frame;
  final int depth;

  /** The slots of one rule or query evaluation. */
  static final class Frame {
    final List<String> slotNames = new ArrayList<>();
    final List<Integer> slotDepth = new ArrayList<>();

    int size() {
      return slotNames.size();
    }

    int depthOf(int slot) {
      return slotDepth.get(slot);
    }
  }

  Scope() {
    this.parent = null;
    this.frame = new Frame();
    this.depth = 0;
  }

  private Scope(Scope parent) {
    this.parent = parent;
    this.frame = parent.frame;
    this.depth = parent.depth + 1;
  }

  Scope child() {
    return new Scope(this);
  }

  Frame frame() {
    return frame;
  }

  /** The slot of a visible variable, or -1. */
  int lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Integer slot = s.names.get(name);
      if (slot != null) {
        Integer at = s == this ? null : s.declaredAt.get(name);
        if (at != null && at > s.current) {
          continue;
        }
        return slot;
      }
    }
    return -1;
  }

  boolean declaredHere(String name) {
    return names.containsKey(name);
  }

  /** Whether {@code name} was declared in this scope with := or some. */
  boolean declaredExplicitlyHere(String name) {
    return declaredAt.containsKey(name);
  }

  /** Declares a variable bound explicitly by the literal at {@code index}. */
  int declareAt(String name, int index) {
    int slot = declare(name);
    declaredAt.put(name, index);
    return slot;
  }

  /** Declares a new variable in this scope, shadowing outer ones. */
  int declare(String name) {
    int slot = frame.size();
    frame.slotNames.add(name);
    frame.slotDepth.add(depth);
    names.put(name, slot);
    return slot;
  }
}
