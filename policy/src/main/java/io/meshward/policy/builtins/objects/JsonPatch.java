package io.meshward.policy.builtins.objects;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * JSON Patch (RFC 6902) over Rego values, as OPA applies it: paths are JSON pointers (the leading
 * slash optional) or arrays of segments, sets are addressed by their members, and any failing
 * operation makes the whole result undefined ({@code null}).
 */
final class JsonPatch {

  private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,9}");

  private JsonPatch() {}

  static Value apply(Value document, ArrayValue operations) {
    Value doc = document;
    for (Value op : operations) {
      if (!(op instanceof ObjectValue operation)) {
        return null;
      }
      doc = applyOne(doc, operation);
      if (doc == null) {
        return null;
      }
    }
    return doc;
  }

  private static Value applyOne(Value doc, ObjectValue operation) {
    if (!(operation.get("op") instanceof StringValue op)) {
      return null;
    }
    List<Value> path = path(operation.get("path"));
    if (path == null) {
      return null;
    }
    Value value = operation.get("value");
    switch (op.value()) {
      case "add" -> {
        return value == null ? null : add(doc, path, value);
      }
      case "remove" -> {
        return remove(doc, path);
      }
      case "replace" -> {
        return value == null ? null : replace(doc, path, value);
      }
      case "test" -> {
        return value != null && value.equals(get(doc, path)) ? doc : null;
      }
      case "move", "copy" -> {
        List<Value> from = path(operation.get("from"));
        if (from == null) {
          return null;
        }
        Value moved = get(doc, from);
        if (moved == null) {
          return null;
        }
        if (op.value().equals("copy")) {
          return add(doc, path, moved);
        }
        if (from.equals(path)) {
          return doc;
        }
        if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
          return null; // a value cannot move into itself
        }
        Value without = remove(doc, from);
        return without == null ? null : add(without, path, moved);
      }
      default -> {
        return null;
      }
    }
  }

  private static List<Value> path(Value path) {
    return switch (path) {
      case StringValue s -> s.value().isEmpty() ? List.of() : JsonPaths.pointerSegments(s.value());
      case ArrayValue a -> a.elements();
      case null, default -> null;
    };
  }

  static Value get(Value doc, List<Value> path) {
    Value current = doc;
    for (Value segment : path) {
      current = child(current, segment);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private static Value child(Value parent, Value segment) {
    return switch (parent) {
      case ObjectValue o -> o.get(segment);
      case ArrayValue a -> {
        int i = index(segment, a.size() - 1);
        yield i < 0 ? null : a.get(i);
      }
      case SetValue s -> s.contains(segment) ? segment : null;
      default -> null;
    };
  }

  /** An array index no greater than {@code max}, or -1. */
  private static int index(Value segment, int max) {
    int i = -1;
    if (segment instanceof StringValue s && INDEX.matcher(s.value()).matches()) {
      long l = Long.parseLong(s.value());
      i = l > Integer.MAX_VALUE ? -1 : (int) l;
    } else if (segment instanceof NumberValue n) {
      i = n.intValue().orElse(-1);
    }
    return i >= 0 && i <= max ? i : -1;
  }

  private static Value add(Value doc, List<Value> path, Value value) {
    if (path.isEmpty()) {
      return value;
    }
    Value last = path.get(path.size() - 1);
    return update(
        doc,
        path.subList(0, path.size() - 1),
        parent ->
            switch (parent) {
              case ObjectValue o -> o.with(last, value);
              case ArrayValue a -> {
                int i =
                    last instanceof StringValue s && s.value().equals("-")
                        ? a.size()
                        : index(last, a.size());
                if (i < 0) {
                  yield null;
                }
                List<Value> out = new ArrayList<>(a.size() + 1);
                out.addAll(a.elements());
                out.add(i, value);
                yield ArrayValue.of(out);
              }
              case SetValue s -> {
                if (!last.equals(value)) {
                  yield null;
                }
                Set<Value> out = new HashSet<>(s.asSet());
                out.add(value);
                yield SetValue.of(out);
              }
              default -> null;
            });
  }

  private static Value remove(Value doc, List<Value> path) {
    if (path.isEmpty()) {
      return null;
    }
    Value last = path.get(path.size() - 1);
    return update(
        doc,
        path.subList(0, path.size() - 1),
        parent ->
            switch (parent) {
              case ObjectValue o -> {
                if (!o.containsKey(last)) {
                  yield null;
                }
                Map<Value, Value> out = new HashMap<>(o.asMap());
                out.remove(last);
                yield ObjectValue.of(out);
              }
              case ArrayValue a -> {
                int i = index(last, a.size() - 1);
                if (i < 0) {
                  yield null;
                }
                List<Value> out = new ArrayList<>(a.elements());
                out.remove(i);
                yield ArrayValue.of(out);
              }
              case SetValue s -> {
                if (!s.contains(last)) {
                  yield null;
                }
                Set<Value> out = new HashSet<>(s.asSet());
                out.remove(last);
                yield SetValue.of(out);
              }
              default -> null;
            });
  }

  private static Value replace(Value doc, List<Value> path, Value value) {
    if (path.isEmpty()) {
      return value;
    }
    Value last = path.get(path.size() - 1);
    return update(
        doc,
        path.subList(0, path.size() - 1),
        parent ->
            switch (parent) {
              case ObjectValue o -> o.containsKey(last) ? o.with(last, value) : null;
              case ArrayValue a -> {
                int i = index(last, a.size() - 1);
                if (i < 0) {
                  yield null;
                }
                List<Value> out = new ArrayList<>(a.elements());
                out.set(i, value);
                yield ArrayValue.of(out);
              }
              case SetValue s -> {
                if (!s.contains(last)) {
                  yield null;
                }
                Set<Value> out = new HashSet<>(s.asSet());
                out.remove(last);
                out.add(value);
                yield SetValue.of(out);
              }
              default -> null;
            });
  }

  /** Rebuilds {@code doc} with the value at {@code path} changed by {@code change}; null fails. */
  private static Value update(Value doc, List<Value> path, UnaryOperator<Value> change) {
    if (path.isEmpty()) {
      return change.apply(doc);
    }
    Value segment = path.get(0);
    Value current = child(doc, segment);
    if (current == null) {
      return null;
    }
    Value updated = update(current, path.subList(1, path.size()), change);
    if (updated == null) {
      return null;
    }
    return switch (doc) {
      case ObjectValue o -> o.with(segment, updated);
      case ArrayValue a -> {
        List<Value> out = new ArrayList<>(a.elements());
        out.set(index(segment, a.size() - 1), updated);
        yield ArrayValue.of(out);
      }
      case SetValue s -> {
        Set<Value> out = new HashSet<>(s.asSet());
        out.remove(current);
        out.add(updated);
        yield SetValue.of(out);
      }
      default -> null;
    };
  }
}
