package io.meshward.policy.value;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** An immutable set. Iterates in OPA's sorted order, so evaluation is deterministic. */
public final class SetValue implements Value, Iterable<Value> {

  public static final SetValue EMPTY = new SetValue(new Value[0], Set.of());

  private final Value[] sorted;
  private final Set<Value> members;
  private int hash;

  private SetValue(Value[] sorted, Set<Value> members) {
    this.sorted = sorted;
    this.members = members;
  }

  public static SetValue of(Value... elements) {
    return of(Arrays.asList(elements));
  }

  public static SetValue of(Collection<? extends Value> elements) {
    if (elements.isEmpty()) {
      return EMPTY;
    }
    Set<Value> members = new HashSet<>(elements);
    Value[] sorted = members.toArray(new Value[0]);
    Arrays.sort(sorted, ValueOrder::compare);
    return new SetValue(sorted, members);
  }

  public int size() {
    return sorted.length;
  }

  public boolean isEmpty() {
    return sorted.length == 0;
  }

  public boolean contains(Value value) {
    return members.contains(value);
  }

  /** The elements in sorted order, unmodifiable. */
  public List<Value> elements() {
    return List.of(sorted);
  }

  /** Unmodifiable membership view; iteration order of this view is unspecified. */
  public Set<Value> asSet() {
    return java.util.Collections.unmodifiableSet(members);
  }

  @Override
  public Iterator<Value> iterator() {
    return Arrays.asList(sorted).iterator();
  }

  @Override
  public ValueKind kind() {
    return ValueKind.SET;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SetValue s
        && (s == this
            || (s.sorted.length == sorted.length
                && hashCode() == s.hashCode()
                && Arrays.equals(sorted, s.sorted)));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = members.hashCode() * 31 + 11;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
