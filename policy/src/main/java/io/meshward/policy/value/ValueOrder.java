package io.meshward.policy.value;

import java.util.List;

/**
 * OPA's total order over values: first by kind (null, boolean, number, string, array, object, set),
 * then within a kind. Arrays and sets compare element-wise, objects key by key and then value by
 * value.
 */
public final class ValueOrder {

  private ValueOrder() {}

  public static int compare(Value a, Value b) {
    if (a == b) {
      return 0;
    }
    int byKind = a.kind().compareTo(b.kind());
    if (byKind != 0) {
      return byKind;
    }
    return switch (a) {
      case NullValue n -> 0;
      case BooleanValue x -> Boolean.compare(x.value(), ((BooleanValue) b).value());
      case NumberValue x -> x.bigDecimalValue().compareTo(((NumberValue) b).bigDecimalValue());
      case StringValue x -> compareCodePoints(x.value(), ((StringValue) b).value());
      case ArrayValue x -> compareLists(x.elements(), ((ArrayValue) b).elements());
      case SetValue x -> compareLists(x.elements(), ((SetValue) b).elements());
      case ObjectValue x -> compareObjects(x, (ObjectValue) b);
    };
  }

  /** Compares strings by code point, which matches Go's byte-wise order of UTF-8. */
  public static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // UTF-16 order differs from code point order only when a surrogate meets U+E000..U+FFFF.
        if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }

  private static int compareLists(List<Value> a, List<Value> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareObjects(ObjectValue a, ObjectValue b) {
    List<Value> keysA = a.keys();
    List<Value> keysB = b.keys();
    int n = Math.min(keysA.size(), keysB.size());
    for (int i = 0; i < n; i++) {
      int c = compare(keysA.get(i), keysB.get(i));
      if (c != 0) {
        return c;
      }
      c = compare(a.get(keysA.get(i)), b.get(keysB.get(i)));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(keysA.size(), keysB.size());
  }
}
