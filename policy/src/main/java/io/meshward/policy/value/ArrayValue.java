package io.meshward.policy.value;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** An immutable array. */
public final class ArrayValue implements Value, Iterable<Value> {

  public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

  private final Value[] elements;
  private int hash;

  private ArrayValue(Value[] elements) {
    this.elements = elements;
  }

  public static ArrayValue of(Value... elements) {
    return elements.length == 0 ? EMPTY : new ArrayValue(elements.clone());
  }

  public static ArrayValue of(Collection<? extends Value> elements) {
    return elements.isEmpty() ? EMPTY : new ArrayValue(elements.toArray(new Value[0]));
  }

  public int size() {
    return elements.length;
  }

  public boolean isEmpty() {
    return elements.length == 0;
  }

  public Value get(int index) {
    return elements[index];
  }

  /** An unmodifiable view of the elements. */
  public List<Value> elements() {
    return Collections.unmodifiableList(Arrays.asList(elements));
  }

  /** The elements from {@code from} (inclusive) to {@code to} (exclusive). */
  public ArrayValue slice(int from, int to) {
    return from == 0 && to == elements.length
        ? this
        : new ArrayValue(Arrays.copyOfRange(elements, from, to));
  }

  @Override
  public Iterator<Value> iterator() {
    return Arrays.asList(elements).iterator();
  }

  @Override
  public ValueKind kind() {
    return ValueKind.ARRAY;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArrayValue a
        && (a == this || (hashCode() == a.hashCode() && Arrays.equals(elements, a.elements)));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(elements) * 31 + 7;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
